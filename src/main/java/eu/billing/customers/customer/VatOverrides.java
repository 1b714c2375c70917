package eu.billing.customers.customer;

import java.time.Clock;
import java.time.Instant;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;

/**
 * Computes the status a customer shows. An override whose expiry has passed is not in force even
 * before the demotion job has run, so such a customer is shown as PENDING (what the job will set),
 * never as MANUAL.
 */
public final class VatOverrides {

    private VatOverrides() {
    }

    public static String effectiveStatus(Customer c) {
        if (VatValidationStatus.MANUAL.name().equals(c.vatValidationStatus) && !inForce(c, now())) {
            return VatValidationStatus.PENDING.name();
        }
        return c.vatValidationStatus;
    }

    /** Whether the customer has an override in force at {@code now}. */
    public static boolean inForce(Customer c, Instant now) {
        return c.vatOverrideExpiresAt != null && c.vatOverrideExpiresAt.isAfter(now);
    }

    private static Instant now() {
        ArcContainer arc = Arc.container();
        Clock clock = arc == null ? Clock.systemUTC() : arc.instance(Clock.class).get();
        return clock.instant();
    }
}
