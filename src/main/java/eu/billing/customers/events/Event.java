package eu.billing.customers.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.PartitionKey;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import eu.billing.customers.platform.audit.Actor;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One immutable entry of the audit trail (and the outbox that webhooks will read). */
@Entity
@Immutable
@Table(name = "events")
public class Event extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Distribution column: Hibernate adds it to the WHERE clause of its UPDATEs and DELETEs. */
    @PartitionKey
    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(nullable = false, length = 64)
    public String type;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Embedded
    public Actor actor;

    @Column(length = 500)
    public String reason;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> data;
}
