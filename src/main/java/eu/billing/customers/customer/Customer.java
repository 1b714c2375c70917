package eu.billing.customers.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.PartitionKey;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A customer record. The table's primary key is (organization_id, id); every query names the
 * organization first. Written only by this package (ArchitectureTest): other features go through
 * {@link CustomerService} and {@link CustomerMerge}. Never serialized directly: see
 * {@code customer.view.CustomerView}.
 */
@Entity
@Table(name = "customers")
public class Customer extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Distribution column: Hibernate adds it to the WHERE clause of its UPDATEs and DELETEs. */
    @PartitionKey
    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(name = "external_id")
    public String externalId;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(length = 320)
    public String email;

    @Column(length = 64)
    public String locale;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public CustomerStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "customer_type", nullable = false, length = 16)
    public CustomerType customerType;

    @Enumerated(EnumType.STRING)
    @Column(name = "billing_model", length = 16)
    public BillingModel billingModel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public BillingMode mode;

    @Column(name = "preferred_currency", length = 3)
    public String preferredCurrency;

    @Column(name = "payment_terms_days")
    public Integer paymentTermsDays;

    @Column(name = "peppol_id")
    public String peppolId;

    @Column(name = "prefer_einvoice", nullable = false)
    public boolean preferEinvoice;

    @Column(name = "einvoice_email", length = 320)
    public String einvoiceEmail;

    @Column(name = "preferred_provider", length = 64)
    public String preferredProvider;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "disabled_providers", nullable = false, columnDefinition = "text[]")
    public String[] disabledProviders = new String[0];

    @Column(name = "default_credit_limit", precision = 19, scale = 4)
    public BigDecimal defaultCreditLimit;

    @Column(name = "default_max_balance", precision = 19, scale = 4)
    public BigDecimal defaultMaxBalance;

    @Column(name = "default_max_single_credit", precision = 19, scale = 4)
    public BigDecimal defaultMaxSingleCredit;

    @Column(name = "default_low_balance_threshold", precision = 19, scale = 4)
    public BigDecimal defaultLowBalanceThreshold;

    @Column(name = "default_auto_topup_enabled", nullable = false)
    public boolean defaultAutoTopupEnabled;

    @Column(name = "default_auto_topup_amount", precision = 19, scale = 4)
    public BigDecimal defaultAutoTopupAmount;

    @Column(name = "vat_number", length = 32)
    public String vatNumber;

    /** When the VAT number was set: the primary tax identifier's created_at (issue 11). */
    @Column(name = "vat_number_set_at")
    public Instant vatNumberSetAt;

    @Column(name = "vat_validation_status", nullable = false, length = 16)
    public String vatValidationStatus = "UNVALIDATED";

    @Column(name = "vat_validation_disabled", nullable = false)
    public boolean vatValidationDisabled;

    @Column(name = "vat_validation_disabled_reason", length = 500)
    public String vatValidationDisabledReason;

    /** Expiry of the manual VAT override in force, if any (issue 3; see {@link VatOverrides}). */
    @Column(name = "vat_override_expires_at")
    public Instant vatOverrideExpiresAt;

    @Column(name = "billing_line1", length = 200)
    public String billingLine1;

    @Column(name = "billing_line2", length = 200)
    public String billingLine2;

    @Column(name = "billing_city", length = 100)
    public String billingCity;

    @Column(name = "billing_postal_code", length = 20)
    public String billingPostalCode;

    @Column(name = "billing_region", length = 100)
    public String billingRegion;

    @Column(name = "billing_country", length = 2)
    public String billingCountry;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] tags = new String[0];

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, String> metadata = Map.of();

    /** Custom field values, key to value (a string, or a boolean): see {@code customfield.CustomFieldValues}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "custom_fields", nullable = false, columnDefinition = "jsonb")
    public Map<String, Object> customFields = Map.of();

    @Column(nullable = false)
    public int version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Set when the customer was merged into another one (status MERGED); see {@code merge/}. */
    @Column(name = "merged_into_customer_id")
    public UUID mergedIntoCustomerId;

    /**
     * The tax treatment last announced in a {@code customer.tax_treatment_changed} event (written by
     * the tax feature through {@link CustomerService#setTaxTreatment}); answers derive it afresh.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "tax_treatment", columnDefinition = "jsonb")
    public Map<String, Object> taxTreatment;

    /** Every write that changes the customer: version + 1 (its ETag), updated_at. */
    void touch(Instant now) {
        version++;
        updatedAt = now;
    }
}
