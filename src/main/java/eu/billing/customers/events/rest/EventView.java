package eu.billing.customers.events.rest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.events.Event;
import eu.billing.customers.platform.audit.ActorView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An audit event: what changed (before and after), who did it, why. */
@RegisterForReflection
@Schema(name = "Event")
public record EventView(
        UUID id,
        String type,
        UUID organizationId,
        UUID customerId,
        Instant occurredAt,
        ActorView actor,
        String reason,
        Map<String, Object> data) {

    public static EventView of(Event e) {
        return new EventView(e.id, e.type, e.organizationId, e.customerId, e.occurredAt,
                ActorView.of(e.actor), e.reason, e.data);
    }
}
