package eu.billing.customers.customer;

/**
 * Fired by every write that may change customers (of any feature: customer writes, merges, VAT
 * verdicts and override ends, tax identifiers and their checks) as its last step, synchronously,
 * inside its transaction: the customers it changed ({@link CustomerChanged}) are in their final
 * state. The tax feature observes it to announce a changed tax treatment
 * ({@code customer.tax_treatment_changed}) in that same transaction. A write that is a step of
 * another (a nested call) does not fire it: the outer write does, once, at its end. A create also
 * fires it once the new customer is final, before its wallet and event (so that its row is written
 * once, with its treatment); the create's last step then finds nothing left to announce.
 */
public record CustomersWritten() {

    /** The one instance (the event carries nothing: what changed was noted as it changed). */
    public static final CustomersWritten INSTANCE = new CustomersWritten();
}
