package eu.billing.customers.customer;

import java.util.UUID;

import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;

/** No customer with this id in the caller's organization (another organization's is "not found" too). */
public class CustomerNotFound extends DomainException {
    public CustomerNotFound(UUID id) {
        super(ErrorCode.CUSTOMER_NOT_FOUND, "no customer " + id);
    }
}
