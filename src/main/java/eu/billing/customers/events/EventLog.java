package eu.billing.customers.events;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.audit.Actor;
import eu.billing.customers.platform.tenancy.Caller;

/** Writes events in the caller's transaction: a change and its event commit together or not at all. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class EventLog {

    private final Caller caller;

    public EventLog(Caller caller) {
        this.caller = caller;
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
        return event;
    }
}
