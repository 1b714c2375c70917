package eu.billing.customers.tax.profile.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of POST /v1/customers/{id}/tax-ids. */
@RegisterForReflection
@Schema(name = "TaxIdRequest", additionalProperties = Schema.False.class, requiredProperties = { "type", "value" })
public record TaxIdRequest(
        @Schema(enumeration = { "eu_vat", "gb_vat", "ch_vat", "no_vat", "other" }) @NotNull String type,
        @Schema(description = "In any usual spelling; stored normalised", example = "GB 980 7806 84", maxLength = 64)
        @NotNull @Size(min = 1, max = 64) String value,
        @Schema(nullable = true, description = "Hint, not stored: false skips the automatic verification")
        Boolean autoValidateVat) {
}
