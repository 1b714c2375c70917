package eu.billing.customers.customer;

/**
 * One tax identifier as a customer write sends it ({@code tax_ids: [{type, value}]}), unchecked:
 * the tax feature parses and stores it ({@link TaxIdsWritten}).
 */
public record TaxIdInput(String type, String value) {
}
