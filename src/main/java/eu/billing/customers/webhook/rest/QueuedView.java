package eu.billing.customers.webhook.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.webhook.Deliveries;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a retry or a replay queued: sent as soon as a worker claims it (at once, normally). */
@RegisterForReflection
@Schema(name = "WebhookDeliveriesQueued")
public record QueuedView(
        @Schema(description = "Deliveries queued") int deliveries,
        @Schema(implementation = String.class, format = "uuid", nullable = true, description = "The delivery (a retry)")
        UUID deliveryId,
        @Schema(implementation = String.class, format = "uuid", nullable = true, description = "Its event (a retry)")
        UUID eventId,
        @Schema(implementation = String.class, format = "date-time", nullable = true, description = "A replay's start")
        Instant from,
        @Schema(implementation = String.class, format = "date-time", nullable = true,
                description = "Where the replay stopped (exclusive)") Instant to,
        @Schema(implementation = String.class, format = "date-time", nullable = true,
                description = "A replay of more than 10000 events stops early: replay again from here; null when done")
        Instant nextFrom) {

    public static QueuedView of(Deliveries.Queued q) {
        return new QueuedView(q.deliveries(), q.deliveryId(), q.eventId(), q.from(), q.to(), q.nextFrom());
    }
}
