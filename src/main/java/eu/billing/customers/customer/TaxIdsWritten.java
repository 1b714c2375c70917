package eu.billing.customers.customer;

import java.util.List;

/**
 * Fired inside the customer's transaction when a create, upsert or update carries {@code tax_ids}:
 * the customer's identifiers become exactly that list (docs/tax-ids.md). The tax feature observes
 * it; it may set the primary VAT number through {@link CustomerService#setVatNumber}.
 *
 * @param vatNumberSent whether the same write set {@code vat_number} itself (it then wins as the primary)
 * @param autoValidateVat the write's {@code auto_validate_vat} hint ({@code null} when absent)
 * @param creating whether the write creates the customer (its version is then 1, whatever it holds)
 */
public record TaxIdsWritten(Customer customer, List<TaxIdInput> taxIds, boolean vatNumberSent,
        Boolean autoValidateVat, boolean creating) {
}
