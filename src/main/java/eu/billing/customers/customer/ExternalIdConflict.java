package eu.billing.customers.customer;

import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;

/** The external id already belongs to another live customer of the organization. */
public class ExternalIdConflict extends DomainException {
    public ExternalIdConflict(String externalId) {
        super(ErrorCode.EXTERNAL_ID_CONFLICT, "external_id " + externalId + " belongs to another live customer");
    }
}
