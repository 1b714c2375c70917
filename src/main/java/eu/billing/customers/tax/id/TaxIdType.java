package eu.billing.customers.tax.id;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The kinds of tax identifier a customer can hold (docs/tax-ids.md). The wire name is the lower-case
 * {@link #code()}, as in Stripe's tax ID types.
 */
@RegisterForReflection
public enum TaxIdType {
    /** EU VAT number of one of the 27 member states (EL for Greece) or of Northern Ireland (XI); checked by VIES. */
    EU_VAT("eu_vat"),
    /** UK VAT registration number (GB...); checked by HMRC. */
    GB_VAT("gb_vat"),
    /** Swiss VAT number (the UID followed by MWST, TVA or IVA); checked by the Swiss UID register. */
    CH_VAT("ch_vat"),
    /** Norwegian VAT number (organisation number followed by MVA); checked by Enhetsregisteret. */
    NO_VAT("no_vat"),
    /** Any other identifier, kept as free text and never verified. */
    OTHER("other");

    private final String code;

    TaxIdType(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** The type named {@code code} ({@code eu_vat}, ...), case-insensitively; empty for anything else. */
    public static Optional<TaxIdType> fromCode(String code) {
        return code == null ? Optional.empty()
                : Arrays.stream(values()).filter(t -> t.code.equalsIgnoreCase(code.trim())).findFirst();
    }
}
