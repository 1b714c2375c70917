package eu.billing.customers.tax.profile;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.tax.id.TaxId;
import eu.billing.customers.tax.id.TaxIdType;
import eu.billing.customers.tax.id.TaxIds;

/**
 * The customer's primary VAT identifier, kept where issue 3 put it ({@code customers.vat_number},
 * its verdict and override), seen as a tax identifier: its type, country and a stable id.
 */
final class PrimaryVat {

    private PrimaryVat() {
    }

    /** Whether an identifier of this kind can be the primary: an eu_vat, or a 9/12-digit gb_vat. */
    static boolean candidate(TaxId t) {
        return t.type() == TaxIdType.EU_VAT || t.type() == TaxIdType.GB_VAT && t.verifiable();
    }

    /**
     * The primary number as an identifier: gb_vat for GB numbers, else eu_vat; a number stored
     * before issue 11 that fails its format (answered INVALID) keeps its value, with the country its
     * prefix names.
     */
    static TaxId of(String vatNumber) {
        TaxIdType type = vatNumber.startsWith("GB") ? TaxIdType.GB_VAT : TaxIdType.EU_VAT;
        TaxIds.Parsed parsed = TaxIds.parse(type, vatNumber);
        if (parsed.wellFormed()) {
            return parsed.taxId();
        }
        String prefix = vatNumber.length() >= 2 && Character.isLetter(vatNumber.charAt(0))
                && Character.isLetter(vatNumber.charAt(1)) ? TaxIds.isoCountry(vatNumber.substring(0, 2)) : null;
        return new TaxId(type, vatNumber, prefix, vatNumber);
    }

    /** The primary's id: stable while the number stays (a name-based UUID of the customer and the number). */
    static UUID id(Customer c) {
        return UUID.nameUUIDFromBytes(("primary-vat:" + c.organizationId + ":" + c.id + ":" + c.vatNumber)
                .getBytes(StandardCharsets.UTF_8));
    }
}
