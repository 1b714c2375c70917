package eu.billing.customers.tax.profile;

import java.util.UUID;

/** A check of an identifier of tax_ids was queued due now: run it once the transaction commits. */
record TaxIdCheckQueued(UUID organizationId, UUID taxId) {
}
