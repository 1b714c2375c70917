package eu.billing.customers.platform.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A tenant. Global and small (a Citus reference table): the only table without organization_id. */
@Entity
@Table(name = "organizations")
public class Organization extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "default_currency", nullable = false, length = 3)
    public String defaultCurrency;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The workspace kill switch of VAT validation (issue 3). */
    @Column(name = "vat_validation_enabled", nullable = false)
    public boolean vatValidationEnabled = true;

    /** Weekly windows in which VIES is not called (issue 3). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "vies_maintenance_windows", nullable = false, columnDefinition = "jsonb")
    public List<MaintenanceWindow> viesMaintenanceWindows = List.of();

    /** ISO-8601 duration; {@code null} means the configured default (P365D). */
    @Column(name = "manual_override_max_ttl", length = 32)
    public String manualOverrideMaxTtl;

    /** The organization's own VAT number, sent to VIES as the requester. */
    @Column(name = "requester_vat_number", length = 32)
    public String requesterVatNumber;

    /** Registers not to call (VIES, HMRC, CH_UID, BRREG): the kill switch per provider (issue 11). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "disabled_verification_providers", nullable = false, columnDefinition = "text[]")
    public String[] disabledVerificationProviders = new String[0];

    /** The organization's own UK VAT number, sent to HMRC as the requester (a consultation number comes back). */
    @Column(name = "requester_gb_vat_number", length = 32)
    public String requesterGbVatNumber;

    /** The seller's country (ISO 3166-1 alpha-2, XI for Northern Ireland): the tax treatment needs it. */
    @Column(name = "home_country", length = 2)
    public String homeCountry;

    /** Default payment terms per customer type (null: none). */
    @Column(name = "payment_terms_business")
    public Integer paymentTermsBusiness;

    @Column(name = "payment_terms_consumer")
    public Integer paymentTermsConsumer;

    @Column(name = "payment_terms_unknown")
    public Integer paymentTermsUnknown;

    /** GROSS or NET for UNKNOWN customers; null means GROSS. */
    @Column(name = "unknown_price_display", length = 8)
    public String unknownPriceDisplay;

    /** Whether the organization switched off checks with {@code provider}. */
    public boolean providerDisabled(String provider) {
        return provider != null && java.util.Arrays.asList(disabledVerificationProviders).contains(provider);
    }
}
