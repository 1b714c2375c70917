package eu.billing.customers.platform.tenancy;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.PartitionKey;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An API key of an organization. Only the SHA-256 of the key is stored. */
@Entity
@Table(name = "api_keys")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Distribution column: Hibernate adds it to the WHERE clause of its UPDATEs and DELETEs. */
    @PartitionKey
    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(name = "key_hash", nullable = false)
    public byte[] keyHash;

    @Column(length = 200)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
