package eu.billing.customers.tax.treatment;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Why a treatment is UNDETERMINED: stable codes, listed in this order. */
@RegisterForReflection
public enum TreatmentReason {
    /** The customer has no billing country. */
    NO_BILLING_COUNTRY,
    /** The organization has not set its home_country. */
    NO_HOME_COUNTRY,
    /** The customer type is UNKNOWN and the answer depends on it (a buyer in another member state). */
    CUSTOMER_TYPE_UNKNOWN,
    /** A business buyer in another member state has no eu_vat of its billing country. */
    EU_VAT_MISSING,
    /** ... has one, and the register says it is INVALID. */
    EU_VAT_INVALID,
    /** ... has one that is not verified yet (PENDING). */
    EU_VAT_PENDING,
    /** ... has one that the register could not verify (UNAVAILABLE; rechecked later). */
    EU_VAT_UNAVAILABLE
}
