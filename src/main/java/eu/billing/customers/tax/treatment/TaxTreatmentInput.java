package eu.billing.customers.tax.treatment;

import java.util.List;

import eu.billing.customers.customer.CustomerType;
import eu.billing.customers.tax.id.TaxIdStatus;
import eu.billing.customers.tax.id.TaxIdType;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a customer's tax treatment is derived from.
 *
 * @param customerType BUSINESS, CONSUMER or UNKNOWN ({@code null} counts as UNKNOWN)
 * @param billingCountry ISO 3166-1 alpha-2 of the billing address ({@code XI} for Northern Ireland, {@code GR} for Greece); {@code null} when missing
 * @param paymentTermsDays the customer's own payment terms; {@code null} when it has none
 * @param identifiers the customer's tax identifiers with their verification status
 * @param seller the organization's settings
 */
public record TaxTreatmentInput(CustomerType customerType, String billingCountry, Integer paymentTermsDays,
        List<Identifier> identifiers, Seller seller) {

    public TaxTreatmentInput {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }

    /** One tax identifier as the rules see it: its type, country (ISO, as {@code TaxId.country}) and status. */
    public record Identifier(TaxIdType type, String country, TaxIdStatus status) {
    }

    /**
     * The organization's settings.
     *
     * @param homeCountry the seller's country (ISO 3166-1 alpha-2, {@code XI} for a Northern Ireland seller); {@code null} until set
     * @param paymentTermsDays default payment terms per customer type
     * @param unknownPriceDisplay the price display for UNKNOWN customers; {@code null} counts as GROSS
     */
    public record Seller(String homeCountry, PaymentTermsDefaults paymentTermsDays, PriceDisplay unknownPriceDisplay) {

        public Seller {
            paymentTermsDays = paymentTermsDays == null ? PaymentTermsDefaults.NONE : paymentTermsDays;
        }
    }

    /** The organization's default {@code payment_terms_days} per customer type; each may be {@code null}. */
    @RegisterForReflection
    public record PaymentTermsDefaults(Integer business, Integer consumer, Integer unknown) {

        public static final PaymentTermsDefaults NONE = new PaymentTermsDefaults(null, null, null);

        public Integer forType(CustomerType type) {
            return switch (type) {
                case BUSINESS -> business;
                case CONSUMER -> consumer;
                case UNKNOWN -> unknown;
            };
        }
    }
}
