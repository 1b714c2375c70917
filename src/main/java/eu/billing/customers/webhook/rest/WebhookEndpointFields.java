package eu.billing.customers.webhook.rest;

import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.webhook.EndpointInput;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of POST /v1/webhook-endpoints and PATCH /v1/webhook-endpoints/{id}. */
@RegisterForReflection
@Schema(name = "WebhookEndpointFields", additionalProperties = Schema.False.class,
        description = "Create: url and enabled_events are required. Update: send only the fields to change.")
public record WebhookEndpointFields(
        @Schema(description = "Where deliveries are POSTed: https with a public host (see docs/webhooks.md, Targets)",
                example = "https://hooks.example.com/billing", maxLength = 2048) @Size(max = 2048) String url,
        @Schema(nullable = true, description = "For people; null removes it", example = "Invoicing service")
        @Size(max = 500) String description,
        @Schema(description = "Event types to deliver, such as customer.updated, or [\"*\"] for every type",
                example = "[\"*\"]") @Size(max = 50) List<@Size(max = 64) String> enabledEvents,
        @Schema(description = "true: nothing is delivered (queued deliveries are dropped; replay catches up later). "
                + "false re-enables an endpoint that was disabled, by a request or after failing for 3 days.")
        Boolean disabled) {

    public static EndpointInput read(JsonInput json, ObjectNode body) {
        JsonInput.Bound<WebhookEndpointFields> bound = json.bind(body, WebhookEndpointFields.class);
        WebhookEndpointFields f = bound.value();
        return new EndpointInput(Set.copyOf(bound.present()), f.url(), f.description(), f.enabledEvents(),
                f.disabled());
    }
}
