package eu.billing.customers.platform.ratelimit;

import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;

/** 429 {@code RATE_LIMITED}: the organization's bucket is empty; retry after the given seconds. */
public class RateLimited extends DomainException {

    public RateLimited(long retryAfterSeconds) {
        super(ErrorCode.RATE_LIMITED, "this organization sends more requests than its rate limit allows; retry after "
                + retryAfterSeconds + " s");
        retryAfter(retryAfterSeconds);
        with("retry_after_seconds", retryAfterSeconds);
    }
}
