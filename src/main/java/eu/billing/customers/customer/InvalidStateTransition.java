package eu.billing.customers.customer;

import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;

/** The customer's status does not allow the operation (an archived or merged customer, say). */
public class InvalidStateTransition extends DomainException {
    public InvalidStateTransition(CustomerStatus from, String detail) {
        super(ErrorCode.INVALID_STATE_TRANSITION, detail);
        with("current_status", from.name());
    }
}
