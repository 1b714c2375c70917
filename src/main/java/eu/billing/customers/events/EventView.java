package eu.billing.customers.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.platform.audit.ActorView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An audit event: what changed (before and after), who did it, why. The JSON of an event wherever
 * it is shown: {@code GET /v1/events} and the body of its webhook deliveries.
 */
@RegisterForReflection
@Schema(name = "Event")
public record EventView(
        UUID id,
        String type,
        UUID organizationId,
        @Schema(implementation = String.class, format = "uuid", nullable = true,
                description = "null for events of the organization itself") UUID customerId,
        Instant occurredAt,
        ActorView actor,
        @Schema(nullable = true) String reason,
        @Schema(description = "What changed, such as {\"changes\": {\"<field>\": {\"before\": ..., \"after\": ...}}}; "
                + "its shape depends on type", additionalProperties = Schema.True.class)
        Map<String, Object> data) {

    public static EventView of(Event e) {
        return new EventView(e.id, e.type, e.organizationId, e.customerId, e.occurredAt,
                ActorView.of(e.actor), e.reason, e.data);
    }
}
