package eu.billing.customers.customfield;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.PartitionKey;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One custom field an organization defines for its customers. {@code key} is unique per
 * organization across live and archived definitions and never changes. Written only by
 * {@link CustomFieldDefinitions}; never serialized directly (see {@code rest.CustomFieldView}).
 */
@Entity
@Table(name = "custom_field_definitions")
public class CustomFieldDefinition extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Distribution column: Hibernate adds it to the WHERE clause of its UPDATEs and DELETEs. */
    @PartitionKey
    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(nullable = false, length = 40, updatable = false)
    public String key;

    @Column(nullable = false, length = 200)
    public String label;

    @Column(length = 1000)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public CustomFieldType type;

    @Column(nullable = false)
    public boolean required;

    /** ENUM only: the allowed values, in the order given; null for the other types. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] options;

    /** STRING only: the longest value allowed; null: {@link CustomFieldValues#STRING_MAX}. */
    @Column(name = "max_length")
    public Integer maxLength;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "archived_at")
    public Instant archivedAt;

    public boolean live() {
        return archivedAt == null;
    }
}
