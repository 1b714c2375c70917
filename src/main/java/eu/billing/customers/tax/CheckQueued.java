package eu.billing.customers.tax;

import java.util.UUID;

/** A background check was queued; observed after the commit to start it without waiting for the scan. */
public record CheckQueued(UUID organizationId, UUID customerId) {
}
