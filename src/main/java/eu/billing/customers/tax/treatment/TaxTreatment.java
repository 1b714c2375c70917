package eu.billing.customers.tax.treatment;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How to tax and present an invoice for one customer, derived by {@link TaxTreatmentRules} (read-only;
 * the {@code tax_treatment} of a customer answer).
 *
 * @param scheme how VAT is charged
 * @param reasons why the scheme is UNDETERMINED; empty otherwise
 * @param reverseCharge whether the buyer accounts for the VAT (EU_REVERSE_CHARGE)
 * @param priceDisplay GROSS for consumers, NET for businesses, the organization's setting for UNKNOWN
 * @param paymentTermsDays the customer's own terms, else the organization's default for its type; {@code null} when neither is set
 * @param consumerProtection whether EU consumer law applies, and the withdrawal period
 * @param invoiceMentions what the invoice must say, as stable codes
 */
@RegisterForReflection
public record TaxTreatment(TaxScheme scheme, List<TreatmentReason> reasons, boolean reverseCharge,
        PriceDisplay priceDisplay, Integer paymentTermsDays, ConsumerProtection consumerProtection,
        List<InvoiceMention> invoiceMentions) {

    public TaxTreatment {
        reasons = List.copyOf(reasons);
        invoiceMentions = List.copyOf(invoiceMentions);
    }
}
