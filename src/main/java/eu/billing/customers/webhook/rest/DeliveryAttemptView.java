package eu.billing.customers.webhook.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.webhook.WebhookAttempt;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One attempt of a delivery (an event sent to an endpoint). */
@RegisterForReflection
@Schema(name = "WebhookDeliveryAttempt")
public record DeliveryAttemptView(
        UUID id,
        @Schema(description = "The delivery: this event to this endpoint, the same across its attempts; "
                + "POST .../deliveries/{delivery_id}/retry sends it again") UUID deliveryId,
        @Schema(description = "The event, also the webhook-id header") UUID eventId,
        String eventType,
        @Schema(description = "1 for the first attempt of the delivery") int attempt,
        Instant attemptedAt,
        @Schema(enumeration = { "succeeded", "failed", "gave_up" },
                description = "gave_up: failed, and the retry window (3 days) is over") String outcome,
        @Schema(nullable = true, description = "The consumer's HTTP status; null when no answer came") Integer statusCode,
        @Schema(nullable = true, description = "Why the attempt failed (timeout, connection refused, redirect, a refused "
                + "target...); null on success") String error,
        @Schema(description = "How long the attempt took, in milliseconds") int durationMs,
        @Schema(implementation = String.class, format = "date-time", nullable = true,
                description = "When the next attempt is due; null when none follows") Instant nextAttemptAt) {

    public static DeliveryAttemptView of(WebhookAttempt a) {
        return new DeliveryAttemptView(a.id, a.deliveryId, a.eventId, a.eventType, a.attempt, a.attemptedAt, a.outcome,
                a.statusCode, a.error, a.durationMs, a.nextAttemptAt);
    }
}
