package eu.billing.customers.customer;

import java.util.Locale;
import java.util.Optional;

/**
 * The fields a write may set on a customer. {@link #key()} is the field's name wherever the
 * customer feature names it: in an event's {@code changes}, in a field error, and (by design the
 * same) in the API's JSON.
 */
public enum CustomerField {
    EXTERNAL_ID, NAME, EMAIL, LOCALE, STATUS, CUSTOMER_TYPE, BILLING_MODEL, MODE, PREFERRED_CURRENCY,
    PAYMENT_TERMS_DAYS, PEPPOL_ID, PREFER_EINVOICE, EINVOICE_EMAIL, PREFERRED_PROVIDER, DISABLED_PROVIDERS,
    DEFAULT_CREDIT_LIMIT, DEFAULT_MAX_BALANCE, DEFAULT_MAX_SINGLE_CREDIT, DEFAULT_LOW_BALANCE_THRESHOLD,
    DEFAULT_AUTO_TOPUP_ENABLED, DEFAULT_AUTO_TOPUP_AMOUNT, VAT_NUMBER, VAT_VALIDATION_DISABLED,
    VAT_VALIDATION_DISABLED_REASON, BILLING_ADDRESS, TAGS, METADATA, CUSTOM_FIELDS, TAX_IDS;

    /** {@code external_id}, {@code billing_address}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The field a key names, if any. */
    public static Optional<CustomerField> byKey(String key) {
        for (CustomerField field : values()) {
            if (field.key().equals(key)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
