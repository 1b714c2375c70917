package eu.billing.customers.customer;

/**
 * Fired by {@link CustomerService}, inside its transaction, when a create sets or an update
 * changes a customer's VAT number. The vat package observes it to queue the automatic check.
 *
 * @param autoValidateVat the request's {@code auto_validate_vat} hint ({@code null} when absent)
 */
public record VatNumberChanged(Customer customer, Boolean autoValidateVat) {
}
