package eu.billing.customers.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import eu.billing.customers.events.EventPayload;
import eu.billing.customers.platform.audit.Snapshot;

/**
 * The events of webhook endpoints (organization events: no customer). Each names the endpoint
 * and shows its fields as {@code GET /v1/webhook-endpoints/{id}} does, never a secret.
 */
public final class WebhookEvents {

    private WebhookEvents() {
    }

    /** An endpoint as its events show it. */
    static Snapshot snapshot(WebhookEndpoint e) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("url", e.url);
        f.put("description", e.description);
        f.put("enabled_events", List.copyOf(e.enabledEvents));
        f.put("disabled", e.disabled);
        f.put("disabled_reason", e.disabledReason);
        return new Snapshot(f);
    }

    private static Map<String, Object> data(WebhookEndpoint e, Map<String, Object> more) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("webhook_endpoint_id", e.id.toString());
        data.putAll(more);
        return data;
    }

    /** {@code webhook_endpoint.created}: every field set, from null. */
    public record Created(WebhookEndpoint endpoint, Map<String, Object> changes) implements EventPayload {
        public String type() {
            return "webhook_endpoint.created";
        }

        public Map<String, Object> data() {
            return WebhookEvents.data(endpoint, Map.of("changes", changes));
        }
    }

    /** {@code webhook_endpoint.updated}: the fields that changed. */
    public record Updated(WebhookEndpoint endpoint, Map<String, Object> changes) implements EventPayload {
        public String type() {
            return "webhook_endpoint.updated";
        }

        public Map<String, Object> data() {
            return WebhookEvents.data(endpoint, Map.of("changes", changes));
        }
    }

    /** {@code webhook_endpoint.deleted}: the endpoint as it was. */
    public record Deleted(WebhookEndpoint endpoint, Map<String, Object> fields) implements EventPayload {
        public String type() {
            return "webhook_endpoint.deleted";
        }

        public Map<String, Object> data() {
            return WebhookEvents.data(endpoint, Map.of("endpoint", fields));
        }
    }

    /** {@code webhook_endpoint.secret_rolled}: until when the previous secret still signs. */
    public record SecretRolled(WebhookEndpoint endpoint) implements EventPayload {
        public String type() {
            return "webhook_endpoint.secret_rolled";
        }

        public Map<String, Object> data() {
            Map<String, Object> more = new LinkedHashMap<>();
            more.put("previous_secret_expires_at",
                    endpoint.previousSecretExpiresAt == null ? null : endpoint.previousSecretExpiresAt.toString());
            return WebhookEvents.data(endpoint, more);
        }
    }

    /** {@code webhook_endpoint.disabled}: every attempt failed for the retry window. */
    public record Disabled(WebhookEndpoint endpoint, String failingSince) implements EventPayload {
        public String type() {
            return "webhook_endpoint.disabled";
        }

        public Map<String, Object> data() {
            Map<String, Object> more = new LinkedHashMap<>();
            more.put("disabled_reason", endpoint.disabledReason);
            more.put("failing_since", failingSince);
            more.put("url", endpoint.url);
            return WebhookEvents.data(endpoint, more);
        }
    }
}
