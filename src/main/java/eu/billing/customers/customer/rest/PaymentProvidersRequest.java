package eu.billing.customers.customer.rest;

import java.util.List;

import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of PATCH /v1/customers/{id}/payment-providers: only these two fields. */
@RegisterForReflection
public record PaymentProvidersRequest(
        @Size(min = 1, max = 64) String preferredProvider,
        @Size(max = 20) List<@Size(min = 1, max = 64) String> disabledProviders) {
}
