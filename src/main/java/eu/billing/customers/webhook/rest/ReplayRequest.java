package eu.billing.customers.webhook.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of POST /v1/webhook-endpoints/{id}/replay. */
@RegisterForReflection
@Schema(name = "WebhookReplayRequest", additionalProperties = Schema.False.class)
public record ReplayRequest(
        @Schema(description = "Events that occurred at or after this instant (required)", example = "2026-11-28T00:00:00Z")
        Instant from,
        @Schema(description = "... and before this one (required)", example = "2026-11-29T00:00:00Z") Instant to) {
}
