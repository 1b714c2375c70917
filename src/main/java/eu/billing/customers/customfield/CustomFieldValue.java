package eu.billing.customers.customfield;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * OpenAPI only: the value of one custom field in {@code custom_fields}, a string (STRING, ENUM,
 * DATE, and NUMBER as a decimal string) or a boolean (BOOLEAN). Never instantiated; the schemas
 * are finished by {@link CustomFieldSchemas}.
 */
@Schema(name = "CustomFieldValue", oneOf = { String.class, Boolean.class },
        description = "A string (STRING, ENUM, DATE as YYYY-MM-DD, NUMBER as a decimal string such as \"12.5\") or a "
                + "boolean (BOOLEAN), as the field's definition says")
public final class CustomFieldValue {

    /** What {@code custom_fields} holds, for the customer's schemas. */
    public static final String DESCRIPTION = "Keys are custom field keys of the organization (pattern "
            + CustomFieldDefinitions.KEY_PATTERN + ", see /v1/custom-fields); values are typed by the definition.";

    /** A customer holds at most a value per live definition, plus the values of archived ones. */
    public static final int MAX_KEYS = 1000;

    private CustomFieldValue() {
    }

    /** A value as a write sends it: null removes the key's value. */
    @Schema(name = "CustomFieldValueOrNull", oneOf = { String.class, Boolean.class },
            description = "A value as CustomFieldValue, or null to remove the key's value")
    public static final class OrNull {
        private OrNull() {
        }
    }
}
