package eu.billing.customers.events;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.audit.Actor;
import eu.billing.customers.platform.tenancy.Caller;

/**
 * Writes events in the caller's transaction: a change and its event commit together or not at all.
 * Each write is announced as {@link EventRecorded}, in the same transaction, to the features that
 * act on events (webhook deliveries are queued that way).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class EventLog {

    private final Caller caller;
    private final jakarta.enterprise.event.Event<EventRecorded> recorded;

    public EventLog(Caller caller, jakarta.enterprise.event.Event<EventRecorded> recorded) {
        this.caller = caller;
        this.recorded = recorded;
    }

    /** Records {@code payload} as an event of the customer, by the caller, with an optional reason. */
    public Event record(UUID organizationId, UUID customerId, Instant at, String reason, EventPayload payload) {
        Event event = new Event();
        event.id = Ids.newId();
        event.organizationId = organizationId;
        event.customerId = customerId;
        event.type = payload.type();
        event.occurredAt = at;
        event.reason = reason;
        event.data = payload.data();
        event.actor = Actor.of(caller);
        event.persist();
        recorded.fire(new EventRecorded(event.organizationId, event.id, event.type));
        return event;
    }
}
