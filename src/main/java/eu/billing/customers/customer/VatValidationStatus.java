package eu.billing.customers.customer;

/** The values of a customer's {@code vat_validation_status} (docs/vat-validation.md). */
public enum VatValidationStatus {
    UNVALIDATED, PENDING, VALID, INVALID, UNAVAILABLE, MANUAL
}
