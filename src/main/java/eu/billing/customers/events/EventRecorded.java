package eu.billing.customers.events;

import java.util.UUID;

/**
 * Fired (synchronously, inside the writing transaction) for every event {@link EventLog} writes:
 * observers that write rows of their own commit or roll back with the event. Features downstream of
 * events observe it instead of being called by it (webhook/ queues its deliveries from it).
 */
public record EventRecorded(UUID organizationId, UUID eventId, String type) {
}
