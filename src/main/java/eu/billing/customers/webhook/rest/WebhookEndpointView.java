package eu.billing.customers.webhook.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.webhook.WebhookEndpoint;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A webhook endpoint; its secret only in the answers of create and roll. */
@RegisterForReflection
@Schema(name = "WebhookEndpoint")
public record WebhookEndpointView(
        UUID id,
        String url,
        @Schema(nullable = true) String description,
        List<String> enabledEvents,
        boolean disabled,
        @Schema(nullable = true, enumeration = { "manual", "failing" },
                description = "manual: disabled by a request; failing: every attempt failed for 3 days")
        String disabledReason,
        @Schema(nullable = true, description = "The signing secret (whsec_...): only in the answer of create and of a "
                + "roll, null everywhere else. Keep it: it cannot be read again.") String secret,
        @Schema(implementation = String.class, format = "date-time", nullable = true,
                description = "After a roll: until when the previous secret still signs beside the new one")
        Instant previousSecretExpiresAt,
        @Schema(implementation = String.class, format = "date-time", nullable = true,
                description = "Since when every delivery attempt has failed; null after a success")
        Instant failingSince,
        @Schema(description = "Incremented by every change; the ETag") int version,
        Instant createdAt,
        Instant updatedAt) {

    public static WebhookEndpointView of(WebhookEndpoint e, boolean withSecret, Instant now) {
        boolean overlap = e.previousSecretExpiresAt != null && e.previousSecretExpiresAt.isAfter(now);
        return new WebhookEndpointView(e.id, e.url, e.description, List.copyOf(e.enabledEvents), e.disabled,
                e.disabledReason, withSecret ? e.secret : null, overlap ? e.previousSecretExpiresAt : null,
                e.failingSince, e.version, e.createdAt, e.updatedAt);
    }
}
