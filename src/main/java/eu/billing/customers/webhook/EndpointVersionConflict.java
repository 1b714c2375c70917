package eu.billing.customers.webhook;

import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;

/** If-Match named a version of the endpoint that is no longer current. */
public class EndpointVersionConflict extends DomainException {
    public EndpointVersionConflict(int expected, int current) {
        super(ErrorCode.VERSION_CONFLICT, "the webhook endpoint is at version " + current + ", not " + expected
                + "; read it again and retry");
        with("expected_version", expected);
        with("current_version", current);
    }
}
