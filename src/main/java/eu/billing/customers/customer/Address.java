package eu.billing.customers.customer;

/** A customer's postal billing address; {@code country} is ISO 3166-1 alpha-2. */
public record Address(String line1, String line2, String city, String postalCode, String region, String country) {
}
