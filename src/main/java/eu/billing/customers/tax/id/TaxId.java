package eu.billing.customers.tax.id;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A well-formed tax identifier, as {@link TaxIds#parse} makes it.
 *
 * @param type what kind of identifier it is
 * @param value the normalised identifier, the form to store and print: upper case, compact, with its
 *              country prefix and suffix ({@code DE123456789}, {@code EL123456789},
 *              {@code GB980780684}, {@code GBGD100}, {@code CHE107787577IVA}, {@code NO995525828MVA});
 *              {@code other} keeps the text as given, trimmed
 * @param country ISO 3166-1 alpha-2 code of the issuing country ({@code GR} for Greece although its VAT
 *                numbers start with EL; {@code XI} for Northern Ireland); {@code null} for {@code other}
 * @param national the number as its register takes it: without prefix and suffix ({@code eu_vat}: what
 *                 VIES calls {@code vatNumber}; {@code gb_vat}: the 9 or 12-digit VRN, or GD/HA and 3
 *                 digits; {@code ch_vat}: the 9 digits of the UID; {@code no_vat}: the 9-digit
 *                 organisation number); the whole text for {@code other}
 */
@RegisterForReflection
public record TaxId(TaxIdType type, String value, String country, String national) {

    /**
     * Whether a register can check this identifier. {@code other} never; {@code gb_vat} in its GD/HA
     * forms neither (HMRC's API takes only 9 or 12-digit VRNs). Those are UNVERIFIABLE.
     */
    public boolean verifiable() {
        return switch (type) {
            case OTHER -> false;
            case GB_VAT -> Character.isDigit(national.charAt(0));
            default -> true;
        };
    }
}
