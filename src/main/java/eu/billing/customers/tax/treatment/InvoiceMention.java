package eu.billing.customers.tax.treatment;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What an invoice must say, as stable codes that invoicing turns into legal text (docs/tax-treatment.md). */
@RegisterForReflection
public enum InvoiceMention {
    /** "Reverse charge": the customer is liable for the VAT (Directive 2006/112/EC art. 196, art. 226(11a)). */
    REVERSE_CHARGE,
    /** The customer's VAT identification number must appear on the invoice (art. 226(4)). */
    CUSTOMER_VAT_NUMBER,
    /** No VAT charged: goods exported (exempt, art. 146, with the reference art. 226(11) asks for) or services supplied outside the EU (arts. 44, 59). */
    EXPORT
}
