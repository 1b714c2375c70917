package eu.billing.customers.platform.tenancy.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import eu.billing.customers.platform.validation.CurrencyCode;
import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record CreateOrganizationRequest(
        @NotBlank @Size(max = 200) String name,
        @CurrencyCode String defaultCurrency) {
}
