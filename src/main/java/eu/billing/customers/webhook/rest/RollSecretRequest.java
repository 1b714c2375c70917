package eu.billing.customers.webhook.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of POST /v1/webhook-endpoints/{id}/secret/roll (optional). */
@RegisterForReflection
@Schema(name = "RollWebhookSecretRequest", additionalProperties = Schema.False.class)
public record RollSecretRequest(
        @Schema(description = "Seconds the current secret keeps signing beside the new one (default 86400: 24 hours; "
                + "0 ends it at once; at most 604800: 7 days)", example = "86400")
        @Min(0) @Max(604800) Long expiresIn) {
}
