package eu.billing.customers.platform.tenancy;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an API key may do, each role including the ones below it: {@code read_only} (GET and HEAD),
 * {@code write} (customers and their operations), {@code admin} (everything, including API keys
 * and the organization's settings). {@link AccessPolicy} says which role each route needs.
 */
public enum Role {
    READ_ONLY("read_only"),
    WRITE("write"),
    ADMIN("admin");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    /** The name in JSON, in the database and in problem documents. */
    public String wire() {
        return wire;
    }

    /** Whether a key of this role may do what {@code needed} allows. */
    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    public static Optional<Role> fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(value)).findFirst();
    }
}
