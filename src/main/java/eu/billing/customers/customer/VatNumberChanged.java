package eu.billing.customers.customer;

/**
 * Fired inside the customer's transaction when a write sets or changes a customer's VAT number: a
 * create, an update, or a merge that fills it from the source. The tax feature observes it to end
 * an override of the old number and queue the automatic check.
 *
 * @param autoValidateVat the write's {@code auto_validate_vat} hint ({@code null} when absent)
 */
public record VatNumberChanged(Customer customer, Boolean autoValidateVat) {
}
