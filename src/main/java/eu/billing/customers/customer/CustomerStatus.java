package eu.billing.customers.customer;

/** Lifecycle of a customer. ARCHIVED and MERGED customers are "deleted" (deleted_at is set). */
public enum CustomerStatus {
    ACTIVE,
    SUSPENDED,
    ARCHIVED,
    MERGED;

    public boolean live() {
        return this == ACTIVE || this == SUSPENDED;
    }
}
