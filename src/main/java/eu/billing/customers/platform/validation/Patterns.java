package eu.billing.customers.platform.validation;

/**
 * Regular expressions shared by Bean Validation and the OpenAPI document. Portable on purpose
 * (ECMA-262, Java, RE2 alike): no inline flags such as {@code (?s)}, no look-around, no
 * possessive quantifiers, because clients validate with them too (docs/openapi.md).
 */
public final class Patterns {

    /** At least one character that is not white space. */
    public static final String NOT_BLANK = "^\\s*\\S[\\s\\S]*$";
    /** ISO 4217 currency code, such as EUR (CurrencyCode checks it is a real one). */
    public static final String CURRENCY = "^[A-Z]{3}$";
    /** ISO 3166-1 alpha-2 country code, such as DE (CountryCode checks it is a real one). */
    public static final String COUNTRY = "^[A-Z]{2}$";

    private Patterns() {
    }
}
