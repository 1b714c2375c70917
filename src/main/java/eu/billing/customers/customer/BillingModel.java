package eu.billing.customers.customer;

/** How charges are calculated for the customer. */
public enum BillingModel {
    PREPAID,
    POSTPAID,
    HYBRID
}
