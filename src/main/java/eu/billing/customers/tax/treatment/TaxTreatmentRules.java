package eu.billing.customers.tax.treatment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import eu.billing.customers.customer.CustomerType;
import eu.billing.customers.customer.EuMemberStates;
import eu.billing.customers.tax.id.TaxIdStatus;
import eu.billing.customers.tax.id.TaxIdType;
import eu.billing.customers.tax.treatment.TaxTreatmentInput.Identifier;

/**
 * The tax treatment rules, the table of docs/tax-treatment.md: pure, no I/O, the same input always
 * gives the same treatment.
 *
 * <ol>
 * <li>No home country or no billing country: UNDETERMINED (NO_HOME_COUNTRY, NO_BILLING_COUNTRY).</li>
 * <li>Buyer in the seller's VAT territory (the same country; GB and XI are both the UK): DOMESTIC.</li>
 * <li>Buyer in the EU VAT area (the 27 member states, and XI, which follows the EU rules for goods under
 * the Windsor Framework): a BUSINESS with a VALID or MANUAL eu_vat of its billing country is
 * EU_REVERSE_CHARGE, without one UNDETERMINED with the eu_vat's state (EU_VAT_MISSING, _INVALID,
 * _PENDING, _UNAVAILABLE); a CONSUMER is EU_B2C_DESTINATION; an UNKNOWN customer is UNDETERMINED
 * (CUSTOMER_TYPE_UNKNOWN).</li>
 * <li>Any other buyer: EXPORT, whatever the type.</li>
 * </ol>
 * The same rules hold for a seller outside the EU: they then name its EU obligations (the EU business
 * reverse-charges, EU consumers pay their country's VAT through the non-Union OSS).
 */
public final class TaxTreatmentRules {

    /** Northern Ireland: EU VAT rules for goods (Windsor Framework), otherwise the UK. */
    static final String NORTHERN_IRELAND = "XI";
    private static final Set<String> UNITED_KINGDOM = Set.of("GB", NORTHERN_IRELAND);
    /** EEA states outside the EU, which apply Directive 2011/83/EU too. */
    private static final Set<String> EEA_NOT_EU = Set.of("IS", "LI", "NO");

    private TaxTreatmentRules() {
    }

    public static TaxTreatment derive(TaxTreatmentInput in) {
        CustomerType type = in.customerType() == null ? CustomerType.UNKNOWN : in.customerType();
        String seller = in.seller().homeCountry();
        String buyer = in.billingCountry();
        List<TreatmentReason> reasons = new ArrayList<>();
        TaxScheme scheme = scheme(type, seller, buyer, in.identifiers(), reasons);
        boolean reverseCharge = scheme == TaxScheme.EU_REVERSE_CHARGE;
        List<InvoiceMention> mentions = switch (scheme) {
            case EU_REVERSE_CHARGE -> List.of(InvoiceMention.REVERSE_CHARGE, InvoiceMention.CUSTOMER_VAT_NUMBER);
            case EXPORT -> List.of(InvoiceMention.EXPORT);
            default -> List.of();
        };
        Integer terms = in.paymentTermsDays() != null ? in.paymentTermsDays()
                : in.seller().paymentTermsDays().forType(type);
        return new TaxTreatment(scheme, reasons, reverseCharge, priceDisplay(type, in.seller()), terms,
                consumerProtection(type, buyer), mentions);
    }

    private static TaxScheme scheme(CustomerType type, String seller, String buyer, List<Identifier> identifiers,
            List<TreatmentReason> reasons) {
        if (buyer == null) {
            reasons.add(TreatmentReason.NO_BILLING_COUNTRY);
        }
        if (seller == null) {
            reasons.add(TreatmentReason.NO_HOME_COUNTRY);
        }
        if (!reasons.isEmpty()) {
            return TaxScheme.UNDETERMINED;
        }
        if (buyer.equals(seller) || UNITED_KINGDOM.contains(buyer) && UNITED_KINGDOM.contains(seller)) {
            return TaxScheme.DOMESTIC;
        }
        if (!inEuVatArea(buyer)) {
            return TaxScheme.EXPORT;
        }
        return switch (type) {
            case CONSUMER -> TaxScheme.EU_B2C_DESTINATION;
            case UNKNOWN -> undetermined(reasons, TreatmentReason.CUSTOMER_TYPE_UNKNOWN);
            case BUSINESS -> {
                Optional<TaxIdStatus> vat = identifiers.stream()
                        .filter(id -> id.type() == TaxIdType.EU_VAT && buyer.equals(id.country()))
                        .map(Identifier::status).findFirst();
                if (vat.isEmpty()) {
                    yield undetermined(reasons, TreatmentReason.EU_VAT_MISSING);
                }
                yield switch (vat.get()) {
                    case VALID, MANUAL -> TaxScheme.EU_REVERSE_CHARGE;
                    case INVALID -> undetermined(reasons, TreatmentReason.EU_VAT_INVALID);
                    case PENDING -> undetermined(reasons, TreatmentReason.EU_VAT_PENDING);
                    // UNVERIFIABLE never happens to an eu_vat; like UNAVAILABLE, no register verdict
                    case UNAVAILABLE, UNVERIFIABLE -> undetermined(reasons, TreatmentReason.EU_VAT_UNAVAILABLE);
                };
            }
        };
    }

    private static TaxScheme undetermined(List<TreatmentReason> reasons, TreatmentReason reason) {
        reasons.add(reason);
        return TaxScheme.UNDETERMINED;
    }

    /** The 27 member states and Northern Ireland. */
    static boolean inEuVatArea(String country) {
        return EuMemberStates.contains(country) || NORTHERN_IRELAND.equals(country);
    }

    private static PriceDisplay priceDisplay(CustomerType type, TaxTreatmentInput.Seller seller) {
        return switch (type) {
            case BUSINESS -> PriceDisplay.NET;
            case CONSUMER -> PriceDisplay.GROSS;
            case UNKNOWN -> seller.unknownPriceDisplay() == null ? PriceDisplay.GROSS : seller.unknownPriceDisplay();
        };
    }

    /**
     * EU consumer law protects consumers in the EU and the EEA. When in doubt it is taken to apply (an
     * UNKNOWN customer, a consumer without billing country): telling a business of a withdrawal right
     * costs nothing, failing to tell a consumer extends it by up to 12 months (Directive 2011/83/EU art. 10).
     */
    private static ConsumerProtection consumerProtection(CustomerType type, String buyer) {
        if (type == CustomerType.BUSINESS) {
            return ConsumerProtection.NONE;
        }
        return buyer == null || EuMemberStates.contains(buyer) || EEA_NOT_EU.contains(buyer) ? ConsumerProtection.EU
                : ConsumerProtection.NONE;
    }
}
