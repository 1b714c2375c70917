package eu.billing.customers.customer.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import eu.billing.customers.customer.CustomerType;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of POST /v1/customers/{id}/customer-type. */
@RegisterForReflection
public record CustomerTypeChangeRequest(
        @NotNull CustomerType customerType,
        @NotNull @Size(min = 1, max = 500) @Pattern(regexp = "^(?s)(?!\\s*$).+", message = "must not be blank")
        String reason) {
}
