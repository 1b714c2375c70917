package eu.billing.customers.merge;

/**
 * The records a customer owns besides its wallets (003-merge.sql). A merge repoints each table's
 * rows from the source to the target with one set-based UPDATE and reports the count under
 * {@link #countField()}.
 */
public enum OwnedTable {
    SUBSCRIPTIONS("subscriptions", "subscriptions_count"),
    INVOICES("invoices", "invoices_count"),
    PAYMENT_METHODS("payment_methods", "payment_methods_count"),
    USAGE_EVENTS("usage_events", "usage_events_count"),
    CUSTOMER_PRICES("customer_prices", "customer_scoped_prices_count"),
    PROMOTION_REDEMPTIONS("promotion_redemptions", "promotion_redemptions_count");

    private final String table;
    private final String countField;

    OwnedTable(String table, String countField) {
        this.table = table;
        this.countField = countField;
    }

    public String table() {
        return table;
    }

    /** The name of the count in the merge response and event. */
    public String countField() {
        return countField;
    }

    /** Organization first (the index and the distribution key), then the source customer. */
    String repointSql() {
        return "UPDATE " + table + " SET customer_id = ?3 WHERE organization_id = ?1 AND customer_id = ?2";
    }
}
