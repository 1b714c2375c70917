package eu.billing.customers.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every business error. Carries its {@link ErrorCode}, a human detail and optional extra
 * members of the problem document; {@link ProblemMapper} turns it into HTTP.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private Long retryAfterSeconds;

    public DomainException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** Seconds after which a retry may succeed: answered as the {@code Retry-After} header; null when none. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public DomainException retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public DomainException with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }
}
