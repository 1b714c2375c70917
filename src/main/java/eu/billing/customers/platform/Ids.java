package eu.billing.customers.platform;

import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;

import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.problem.FieldError;

/**
 * Row identifiers: UUID version 7 (time-ordered), so that new rows land at the right edge of the
 * primary-key indexes instead of at random pages.
 */
public final class Ids {

    private Ids() {
    }

    /**
     * The generator, in a holder of its own: the native image initialises application classes while
     * it is built, which would freeze a generator's state into the binary (every process would draw
     * the same ids). The native profile of pom.xml registers this class with
     * {@code --initialize-at-run-time}, so it is created in each process (NativeInitializationTest).
     */
    static final class RandomHolder {
        static final SecureRandom RANDOM = new SecureRandom();

        private RandomHolder() {
        }
    }

    public static UUID newId() {
        SecureRandom random = RandomHolder.RANDOM;
        long millis = System.currentTimeMillis();
        long randA = random.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** Parses an id from a path; anything but a UUID is a 400 naming the parameter. */
    public static UUID parse(String text, String field) {
        try {
            if (text != null && text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw new DomainException(ErrorCode.INVALID_ID, field + " must be a UUID")
                .with("errors", List.of(new FieldError(field, "must be a UUID")));
    }
}
