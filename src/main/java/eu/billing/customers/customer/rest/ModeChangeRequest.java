package eu.billing.customers.customer.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import eu.billing.customers.customer.BillingMode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of POST /v1/customers/{id}/billing-mode. */
@RegisterForReflection
public record ModeChangeRequest(
        @NotNull BillingMode mode,
        @NotNull @Size(min = 1, max = 500) @Pattern(regexp = "^(?s)(?!\\s*$).+", message = "must not be blank")
        String reason) {
}
