package eu.billing.customers.tax.profile;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.PartitionKey;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A tax identifier of a customer other than its primary VAT number (which stays on the customer
 * row, see docs/tax-ids.md), with its current verification. Its checks are rows of the history
 * ({@code vat_verifications.tax_id}).
 */
@Entity
@Table(name = "tax_ids")
public class CustomerTaxId extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Distribution column: Hibernate adds it to the WHERE clause of its UPDATEs and DELETEs. */
    @PartitionKey
    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    /** {@code eu_vat}, {@code gb_vat}, {@code ch_vat}, {@code no_vat}, {@code other}. */
    @Column(nullable = false, length = 16)
    public String type;

    @Column(length = 2)
    public String country;

    @Column(nullable = false, length = 64)
    public String value;

    /** A {@code TaxIdStatus}. */
    @Column(nullable = false, length = 16)
    public String status;

    /** A {@code TaxRegister}; null before any check. */
    @Column(length = 16)
    public String provider;

    @Column(name = "checked_at")
    public Instant checkedAt;

    @Column(name = "verified_name", length = 1000)
    public String verifiedName;

    @Column(name = "verified_address", length = 2000)
    public String verifiedAddress;

    @Column(length = 100)
    public String reference;

    @Column(name = "error_code", length = 64)
    public String errorCode;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
