package eu.billing.customers.customer.view;

import jakarta.validation.constraints.Size;

import eu.billing.customers.platform.validation.CountryCode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A postal billing address; {@code country} is ISO 3166-1 alpha-2. Read and written as a whole. */
@RegisterForReflection
public record BillingAddress(
        @Size(max = 200) String line1,
        @Size(max = 200) String line2,
        @Size(max = 100) String city,
        @Size(max = 20) String postalCode,
        @Size(max = 100) String region,
        @CountryCode String country) {

    /** Whether no line of the address is set (not a JSON property: not a bean getter). */
    public boolean allBlank() {
        return line1 == null && line2 == null && city == null && postalCode == null && region == null
                && country == null;
    }
}
