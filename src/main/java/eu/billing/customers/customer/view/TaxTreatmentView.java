package eu.billing.customers.customer.view;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How to tax and present an invoice for the customer: derived, read-only (docs/tax-treatment.md). */
@RegisterForReflection
@Schema(name = "TaxTreatment", description = "Derived from customer_type, the billing country, the verification of "
        + "the tax identifiers and the organization's settings; read-only. customer.tax_treatment_changed announces "
        + "every change.")
public record TaxTreatmentView(
        @Schema(enumeration = { "DOMESTIC", "EU_REVERSE_CHARGE", "EU_B2C_DESTINATION", "EXPORT", "UNDETERMINED" })
        String scheme,
        @Schema(description = "Why the scheme is UNDETERMINED, empty otherwise: NO_BILLING_COUNTRY, NO_HOME_COUNTRY, "
                + "CUSTOMER_TYPE_UNKNOWN, EU_VAT_MISSING, EU_VAT_INVALID, EU_VAT_PENDING, EU_VAT_UNAVAILABLE")
        List<String> reasons,
        boolean reverseCharge,
        @Schema(enumeration = { "GROSS", "NET" }) String priceDisplay,
        @Schema(nullable = true, description = "The customer's own payment_terms_days, else the organization's "
                + "default for its type") Integer paymentTermsDays,
        ConsumerProtectionView consumerProtection,
        @Schema(description = "Stable codes invoicing turns into legal text: REVERSE_CHARGE, CUSTOMER_VAT_NUMBER, EXPORT")
        List<String> invoiceMentions) {

    /** Whether EU consumer-protection law applies. */
    @RegisterForReflection
    @Schema(name = "ConsumerProtection")
    public record ConsumerProtectionView(
            boolean applies,
            @Schema(nullable = true, description = "14 for EU consumers (Directive 2011/83/EU art. 9)")
            Integer withdrawalPeriodDays) {
    }
}
