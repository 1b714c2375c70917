package eu.billing.customers.webhook;

import java.util.UUID;

/** Deliveries of the organization became due now; the worker starts them once the transaction commits. */
public record DeliveriesQueued(UUID organizationId) {
}
