package eu.billing.customers.customer;

/** The mode the customer and all of its wallets share. */
public enum BillingMode {
    PREPAID,
    POSTPAID
}
