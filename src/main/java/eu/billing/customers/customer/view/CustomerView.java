package eu.billing.customers.customer.view;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.customer.BillingMode;
import eu.billing.customers.customer.BillingModel;
import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerStatus;
import eu.billing.customers.customer.CustomerType;
import eu.billing.customers.customer.VatOverrides;
import eu.billing.customers.customfield.CustomFieldValue;
import eu.billing.customers.platform.json.Amounts;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A customer as the API shows it. Amounts are decimal strings. The customer's published
 * representation: every REST layer that answers a customer (customer/rest, tax/rest) answers this.
 */
@RegisterForReflection
@Schema(name = "Customer", description = "A customer. Every field is always present; nullable ones are null when unset.")
public record CustomerView(
        UUID id,
        UUID organizationId,
        @Schema(nullable = true) String externalId,
        String name,
        @Schema(nullable = true) String email,
        @Schema(nullable = true) String locale,
        CustomerStatus status,
        CustomerType customerType,
        @Schema(nullable = true) BillingModel billingModel,
        BillingMode mode,
        @Schema(nullable = true, description = "ISO 4217; null: the organization's default_currency") String preferredCurrency,
        @Schema(nullable = true) Integer paymentTermsDays,
        @Schema(nullable = true) String peppolId,
        boolean preferEinvoice,
        @Schema(nullable = true) String einvoiceEmail,
        @Schema(nullable = true) String preferredProvider,
        List<String> disabledProviders,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, nullable = true) BigDecimal defaultCreditLimit,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, nullable = true) BigDecimal defaultMaxBalance,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, nullable = true) BigDecimal defaultMaxSingleCredit,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, nullable = true) BigDecimal defaultLowBalanceThreshold,
        boolean defaultAutoTopupEnabled,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, nullable = true) BigDecimal defaultAutoTopupAmount,
        @Schema(nullable = true, description = "Normalised: upper case, no spaces, dots or dashes") String vatNumber,
        @Schema(enumeration = { "UNVALIDATED", "PENDING", "VALID", "INVALID", "UNAVAILABLE", "MANUAL" })
        String vatValidationStatus,
        boolean vatValidationDisabled,
        @Schema(nullable = true) String vatValidationDisabledReason,
        @Schema(nullable = true) BillingAddress billingAddress,
        List<String> tags,
        Map<String, String> metadata,
        @Schema(type = SchemaType.OBJECT, additionalProperties = CustomFieldValue.class,
                maxProperties = CustomFieldValue.MAX_KEYS, description = CustomFieldValue.DESCRIPTION)
        Map<String, Object> customFields,
        @Schema(description = "Incremented by every change; also the ETag") int version,
        Instant createdAt,
        Instant updatedAt,
        @Schema(implementation = String.class, format = "date-time", nullable = true,
                description = "Set while ARCHIVED or MERGED") Instant deletedAt,
        @Schema(implementation = String.class, format = "uuid", nullable = true,
                description = "Set on a MERGED customer: the customer it was merged into")
        UUID mergedIntoCustomerId,
        @Schema(description = "The customer's tax identifiers, the primary (vat_number) first") List<TaxIdView> taxIds,
        TaxTreatmentView taxTreatment) {

    /** The OpenAPI schema of {@code {"data": Customer}} (customer/rest's {@code CustomerEnvelope}). */
    public static final String ENVELOPE = "CustomerEnvelope";

    /** The customer with the tax feature's part of it ({@link TaxProfileSource}). */
    public static CustomerView of(Customer c, TaxProfileSource.Profile tax) {
        BillingAddress address = new BillingAddress(c.billingLine1, c.billingLine2, c.billingCity,
                c.billingPostalCode, c.billingRegion, c.billingCountry);
        return new CustomerView(c.id, c.organizationId, c.externalId, c.name, c.email, c.locale, c.status,
                c.customerType, c.billingModel, c.mode, c.preferredCurrency, c.paymentTermsDays, c.peppolId,
                c.preferEinvoice, c.einvoiceEmail, c.preferredProvider, List.of(c.disabledProviders),
                c.defaultCreditLimit, c.defaultMaxBalance, c.defaultMaxSingleCredit, c.defaultLowBalanceThreshold,
                c.defaultAutoTopupEnabled, c.defaultAutoTopupAmount, c.vatNumber, VatOverrides.effectiveStatus(c),
                c.vatValidationDisabled, c.vatValidationDisabledReason, address.allBlank() ? null : address,
                List.of(c.tags), Map.copyOf(c.metadata), new TreeMap<>(c.customFields), c.version, c.createdAt,
                c.updatedAt, c.deletedAt,
                c.mergedIntoCustomerId, tax.taxIds(), tax.treatment());
    }
}
