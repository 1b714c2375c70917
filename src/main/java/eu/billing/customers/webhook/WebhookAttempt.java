package eu.billing.customers.webhook;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.PartitionKey;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One attempt of a delivery, as the delivery log shows it. Rows are only inserted. */
@Entity
@Immutable
@Table(name = "webhook_attempts")
public class WebhookAttempt extends PanacheEntityBase {

    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    /** Failed, and the retry window is over: no further attempt. */
    public static final String GAVE_UP = "gave_up";

    @Id
    public UUID id;

    @PartitionKey
    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(name = "endpoint_id", nullable = false)
    public UUID endpointId;

    @Column(name = "delivery_id", nullable = false)
    public UUID deliveryId;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "event_type", nullable = false, length = 64)
    public String eventType;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;

    @Column(nullable = false, length = 16)
    public String outcome;

    @Column(name = "status_code")
    public Integer statusCode;

    @Column(length = 500)
    public String error;

    @Column(name = "duration_ms", nullable = false)
    public int durationMs;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
}
