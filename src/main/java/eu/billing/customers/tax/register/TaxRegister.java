package eu.billing.customers.tax.register;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The registers that verify tax identifiers: the {@code provider} of a verification. */
@RegisterForReflection
public enum TaxRegister {
    /** The EU's VAT Information Exchange System, for eu_vat. */
    VIES,
    /** HM Revenue and Customs' "Check a UK VAT number" API, for gb_vat. */
    HMRC,
    /** The Swiss Federal Statistical Office's UID register, for ch_vat. */
    CH_UID,
    /** The Brønnøysund Register Centre's Enhetsregisteret, for no_vat. */
    BRREG
}
