package eu.billing.customers.events;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import eu.billing.customers.platform.tenancy.ApiKey;
import eu.billing.customers.platform.tenancy.ApiKeyChanged;

/**
 * Records every API key change in the audit trail, in the change's transaction (a synchronous
 * observer of {@link ApiKeyChanged}): {@code api_key.created}, {@code api_key.rolled},
 * {@code api_key.revoked}, with the actor of the request. The data names the key by id and prefix;
 * a secret never reaches an event (ApiKeySecretsTest greps the events and the log for them).
 */
@ApplicationScoped
public class ApiKeyAudit {

    private final EventLog log;

    public ApiKeyAudit(EventLog log) {
        this.log = log;
    }

    void record(@Observes ApiKeyChanged change) {
        log.record(change.key().organizationId, null, change.at(), null, new Payload(change));
    }

    /** The event's data: the key as GET /v1/api-keys shows it. */
    record Payload(ApiKeyChanged change) implements EventPayload {

        @Override
        public String type() {
            return change.type();
        }

        @Override
        public Map<String, Object> data() {
            ApiKey key = change.key();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("api_key_id", key.id.toString());
            data.put("name", key.name);
            data.put("role", key.role);
            data.put("prefix", key.prefix);
            data.put("expires_at", key.expiresAt == null ? null : key.expiresAt.toString());
            if (change.previousExpiresAt() != null) {
                data.put("previous_secret_expires_at", change.previousExpiresAt().toString());
            }
            if (key.revokedAt != null) {
                data.put("revoked_at", key.revokedAt.toString());
            }
            return data;
        }
    }
}
