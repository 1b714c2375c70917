package eu.billing.customers.events.rest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.events.Event;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An audit event: what changed (before and after), who did it, why. */
@RegisterForReflection
@Schema(name = "Event")
public record EventView(
        UUID id,
        String type,
        UUID organizationId,
        @Schema(implementation = String.class, format = "uuid", nullable = true,
                description = "null for events of the organization itself") UUID customerId,
        Instant occurredAt,
        Actor actor,
        @Schema(nullable = true) String reason,
        @Schema(description = "What changed, such as {\"changes\": {\"<field>\": {\"before\": ..., \"after\": ...}}}; "
                + "its shape depends on type", additionalProperties = Schema.True.class)
        Map<String, Object> data) {

    /** The API key that made the change, and the operator named by X-Actor. */
    @RegisterForReflection
    @Schema(name = "Actor")
    public record Actor(@Schema(enumeration = { "api_key", "admin", "system" }) String type,
            @Schema(implementation = String.class, format = "uuid", nullable = true,
                    description = "The API key, when type is api_key") UUID apiKeyId,
            @Schema(nullable = true, description = "X-Actor of the request, when it sent one") String label) {
    }

    public static EventView of(Event e) {
        return new EventView(e.id, e.type, e.organizationId, e.customerId, e.occurredAt,
                new Actor(e.actorType, e.actorApiKeyId, e.actorLabel), e.reason, e.data);
    }
}
