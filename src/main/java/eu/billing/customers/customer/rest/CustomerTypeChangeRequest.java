package eu.billing.customers.customer.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.customer.CustomerType;
import eu.billing.customers.platform.validation.Patterns;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of POST /v1/customers/{id}/customer-type. */
@RegisterForReflection
@Schema(name = "CustomerTypeChangeRequest", additionalProperties = Schema.False.class)
public record CustomerTypeChangeRequest(
        @Schema(type = SchemaType.STRING, enumeration = { "BUSINESS", "CONSUMER", "UNKNOWN", "company", "individual" },
                description = "company (BUSINESS) and individual (CONSUMER) are accepted as aliases")
        @NotNull CustomerType customerType,
        @Schema(description = "Why; recorded on the event")
        @NotNull @Size(min = 1, max = 500) @Pattern(regexp = Patterns.NOT_BLANK, message = "must not be blank")
        String reason) {
}
