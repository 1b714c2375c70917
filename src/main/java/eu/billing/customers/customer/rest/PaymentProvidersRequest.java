package eu.billing.customers.customer.rest;

import java.util.List;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of PATCH /v1/customers/{id}/payment-providers: only these two fields. */
@RegisterForReflection
@Schema(name = "PaymentProvidersRequest", additionalProperties = Schema.False.class, minProperties = 1,
        description = "Send preferred_provider and/or disabled_providers; an absent one is unchanged, null clears it")
public record PaymentProvidersRequest(
        @Schema(nullable = true, description = "One of the configured payment providers")
        @Size(min = 1, max = 64) String preferredProvider,
        @Schema(nullable = true, description = "Replaced as a whole; duplicates are folded")
        @Size(max = 20) List<@Size(min = 1, max = 64) String> disabledProviders) {
}
