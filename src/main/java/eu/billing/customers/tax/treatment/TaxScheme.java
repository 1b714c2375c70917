package eu.billing.customers.tax.treatment;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How an invoice to a customer is taxed (docs/tax-treatment.md). */
@RegisterForReflection
public enum TaxScheme {
    /** Buyer in the seller's own VAT territory: the seller's VAT. */
    DOMESTIC,
    /** Business buyer in another EU member state (or XI) with a VALID or MANUAL eu_vat: no VAT charged, the buyer accounts for it. */
    EU_REVERSE_CHARGE,
    /** Consumer in another EU member state (or XI): the buyer country's VAT, declared through the OSS. */
    EU_B2C_DESTINATION,
    /** Buyer outside the EU VAT area (GB, CH, the rest of the world): no VAT charged by the seller. */
    EXPORT,
    /** Not enough to decide; {@code reasons} says what is missing. */
    UNDETERMINED
}
