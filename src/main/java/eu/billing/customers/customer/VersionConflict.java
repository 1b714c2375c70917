package eu.billing.customers.customer;

import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;

/** If-Match named a version that is no longer current. */
public class VersionConflict extends DomainException {
    public VersionConflict(int expected, int current) {
        super(ErrorCode.VERSION_CONFLICT, "the customer is at version " + current + ", not " + expected
                + "; read it again and retry");
        with("expected_version", expected);
        with("current_version", current);
    }
}
