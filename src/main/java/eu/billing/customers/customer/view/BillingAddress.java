package eu.billing.customers.customer.view;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.platform.validation.CountryCode;
import eu.billing.customers.platform.validation.Patterns;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A postal billing address; {@code country} is ISO 3166-1 alpha-2. Read and written as a whole. */
@RegisterForReflection
@Schema(name = "BillingAddress", description = "A postal billing address, read and written as a whole: a customer "
        + "answers null when no line is set; sending it replaces the address, sending null clears it")
public record BillingAddress(
        @Schema(nullable = true) @Size(max = 200) String line1,
        @Schema(nullable = true) @Size(max = 200) String line2,
        @Schema(nullable = true) @Size(max = 100) String city,
        @Schema(nullable = true) @Size(max = 20) String postalCode,
        @Schema(nullable = true) @Size(max = 100) String region,
        @Schema(nullable = true, pattern = Patterns.COUNTRY, example = "DE", description = "ISO 3166-1 alpha-2")
        @CountryCode String country) {

    /** Whether no line of the address is set (not a JSON property: not a bean getter). */
    public boolean allBlank() {
        return line1 == null && line2 == null && city == null && postalCode == null && region == null
                && country == null;
    }
}
