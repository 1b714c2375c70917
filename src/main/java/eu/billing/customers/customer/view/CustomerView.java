package eu.billing.customers.customer.view;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.customer.BillingMode;
import eu.billing.customers.customer.BillingModel;
import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerStatus;
import eu.billing.customers.customer.CustomerType;
import eu.billing.customers.customer.VatOverrides;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A customer as the API shows it. Amounts are decimal strings. The customer's published
 * representation: every REST layer that answers a customer (customer/rest, tax/rest) answers this.
 */
@RegisterForReflection
@Schema(name = "Customer")
public record CustomerView(
        UUID id,
        UUID organizationId,
        String externalId,
        String name,
        String email,
        String locale,
        CustomerStatus status,
        CustomerType customerType,
        BillingModel billingModel,
        BillingMode mode,
        String preferredCurrency,
        Integer paymentTermsDays,
        String peppolId,
        boolean preferEinvoice,
        String einvoiceEmail,
        String preferredProvider,
        List<String> disabledProviders,
        @Schema(type = SchemaType.STRING) BigDecimal defaultCreditLimit,
        @Schema(type = SchemaType.STRING) BigDecimal defaultMaxBalance,
        @Schema(type = SchemaType.STRING) BigDecimal defaultMaxSingleCredit,
        @Schema(type = SchemaType.STRING) BigDecimal defaultLowBalanceThreshold,
        boolean defaultAutoTopupEnabled,
        @Schema(type = SchemaType.STRING) BigDecimal defaultAutoTopupAmount,
        String vatNumber,
        @Schema(enumeration = { "UNVALIDATED", "PENDING", "VALID", "INVALID", "UNAVAILABLE", "MANUAL" })
        String vatValidationStatus,
        boolean vatValidationDisabled,
        String vatValidationDisabledReason,
        BillingAddress billingAddress,
        List<String> tags,
        Map<String, String> metadata,
        int version,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        @Schema(description = "Set on a MERGED customer: the customer it was merged into")
        UUID mergedIntoCustomerId) {

    /** The OpenAPI schema of {@code {"data": Customer}} (customer/rest's {@code CustomerEnvelope}). */
    public static final String ENVELOPE = "CustomerEnvelope";

    public static CustomerView of(Customer c) {
        BillingAddress address = new BillingAddress(c.billingLine1, c.billingLine2, c.billingCity,
                c.billingPostalCode, c.billingRegion, c.billingCountry);
        return new CustomerView(c.id, c.organizationId, c.externalId, c.name, c.email, c.locale, c.status,
                c.customerType, c.billingModel, c.mode, c.preferredCurrency, c.paymentTermsDays, c.peppolId,
                c.preferEinvoice, c.einvoiceEmail, c.preferredProvider, List.of(c.disabledProviders),
                c.defaultCreditLimit, c.defaultMaxBalance, c.defaultMaxSingleCredit, c.defaultLowBalanceThreshold,
                c.defaultAutoTopupEnabled, c.defaultAutoTopupAmount, c.vatNumber, VatOverrides.effectiveStatus(c),
                c.vatValidationDisabled, c.vatValidationDisabledReason, address.allBlank() ? null : address,
                List.of(c.tags), Map.copyOf(c.metadata), c.version, c.createdAt, c.updatedAt, c.deletedAt,
                c.mergedIntoCustomerId);
    }
}
