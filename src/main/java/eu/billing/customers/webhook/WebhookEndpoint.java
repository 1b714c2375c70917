package eu.billing.customers.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.PartitionKey;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Where an organization wants its events: a URL, the event types it wants ({@code *} for all), and
 * the secrets its deliveries are signed with (the current one, and the previous one until it
 * expires after a roll).
 */
@Entity
@Table(name = "webhook_endpoints")
public class WebhookEndpoint extends PanacheEntityBase {

    /** Why an endpoint receives nothing: turned off by a request, or after failing for the retry window. */
    public static final String DISABLED_MANUALLY = "manual";
    public static final String DISABLED_FAILING = "failing";

    @Id
    public UUID id;

    @PartitionKey
    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(nullable = false, length = 2048)
    public String url;

    @Column(length = 500)
    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "enabled_events", nullable = false, columnDefinition = "jsonb")
    public List<String> enabledEvents = new ArrayList<>();

    @Column(nullable = false)
    public boolean disabled;

    @Column(name = "disabled_reason", length = 16)
    public String disabledReason;

    @Column(nullable = false, length = 100)
    public String secret;

    @Column(name = "previous_secret", length = 100)
    public String previousSecret;

    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;

    /** Since when every attempt has failed; null after a success. */
    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(nullable = false)
    public int version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Every write that changes the endpoint: version + 1 (its ETag), updated_at. */
    public void touch(Instant now) {
        version++;
        updatedAt = now;
    }

    /** The secrets that sign a delivery at {@code now}: the current one, then the previous one while it lasts. */
    public List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previousSecret != null && previousSecretExpiresAt != null && previousSecretExpiresAt.isAfter(now)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }

    public boolean wants(String eventType) {
        return enabledEvents.contains("*") || enabledEvents.contains(eventType);
    }
}
