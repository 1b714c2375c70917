package eu.billing.customers.customfield;

/** The type of a custom field: what its values look like in JSON (README, "Custom fields"). */
@io.quarkus.runtime.annotations.RegisterForReflection
public enum CustomFieldType {
    /** A JSON string of 1 to {@code max_length} (default 500) characters. */
    STRING,
    /** A decimal number sent and answered as a JSON string, like the money fields ("12.5"; never a float). */
    NUMBER,
    /** A JSON boolean. */
    BOOLEAN,
    /** A calendar date as a JSON string YYYY-MM-DD. */
    DATE,
    /** A JSON string, one of the definition's options. */
    ENUM
}
