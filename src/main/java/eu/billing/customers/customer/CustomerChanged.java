package eu.billing.customers.customer;

/**
 * Fired inside the transaction of every write that changes a customer (its version moves) and when
 * one is created. The tax feature notes the customer, and announces a changed tax treatment
 * ({@code customer.tax_treatment_changed}) when the write ends ({@link CustomersWritten}).
 *
 * @param created whether the write created the customer (nothing was announced before)
 */
public record CustomerChanged(Customer customer, boolean created) {
}
