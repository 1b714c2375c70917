package eu.billing.customers.tax.register;

import eu.billing.customers.tax.id.TaxId;
import eu.billing.customers.tax.id.TaxIdType;

/**
 * The organization's own numbers, sent to the registers that answer a consultation number in
 * return (the evidence a tax auditor asks for): its EU VAT number for VIES
 * ({@code requester_vat_number} today) and its UK VRN for HMRC. Either may be {@code null}.
 */
public record Requester(TaxId euVat, TaxId gbVat) {

    /** No requester numbers: the registers answer without a consultation number. */
    public static final Requester NONE = new Requester(null, null);

    public Requester {
        if (euVat != null && euVat.type() != TaxIdType.EU_VAT) {
            throw new IllegalArgumentException("euVat must be an eu_vat identifier");
        }
        if (gbVat != null && (gbVat.type() != TaxIdType.GB_VAT || !gbVat.verifiable())) {
            throw new IllegalArgumentException("gbVat must be a 9 or 12-digit gb_vat identifier");
        }
    }
}
