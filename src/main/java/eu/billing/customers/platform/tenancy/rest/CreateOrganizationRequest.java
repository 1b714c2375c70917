package eu.billing.customers.platform.tenancy.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.platform.validation.CurrencyCode;
import eu.billing.customers.platform.validation.Patterns;
import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "CreateOrganizationRequest", additionalProperties = Schema.False.class)
public record CreateOrganizationRequest(
        @Schema(pattern = Patterns.NOT_BLANK) @NotBlank @Size(max = 200) String name,
        @Schema(nullable = true, pattern = Patterns.CURRENCY, example = "EUR",
                description = "ISO 4217; currency of wallets of customers without a preferred one (EUR when absent)")
        @CurrencyCode String defaultCurrency) {
}
