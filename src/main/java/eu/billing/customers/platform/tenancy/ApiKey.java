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

    /** {@link Role#wire()}: admin, write or read_only. */
    @Column(nullable = false, length = 16)
    public String role;

    /** The first characters of the current secret: recognisable, never enough to authenticate. */
    @Column(nullable = false, length = 64)
    public String prefix;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    /** The secret before the last roll, valid until {@link #previousExpiresAt}. */
    @Column(name = "previous_key_hash")
    public byte[] previousKeyHash;

    @Column(name = "previous_expires_at")
    public Instant previousExpiresAt;

    @Column(name = "rolled_at")
    public Instant rolledAt;

    /** Who made the key, as audit rows record actors: api_key, admin or system. */
    @Column(name = "created_by_type", nullable = false, length = 16)
    public String createdByType;

    @Column(name = "created_by_api_key_id")
    public UUID createdByApiKeyId;

    @Column(name = "created_by_label", length = 200)
    public String createdByLabel;

    /** Not revoked and not expired at {@code now}. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
