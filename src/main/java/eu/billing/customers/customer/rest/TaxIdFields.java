package eu.billing.customers.customer.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One tax identifier in a customer write's {@code tax_ids}, and the body of POST /v1/customers/{id}/tax-ids. */
@RegisterForReflection
@Schema(name = "TaxIdFields", additionalProperties = Schema.False.class, requiredProperties = { "type", "value" },
        description = "A tax identifier to add: its type and its value in any usual spelling (normalised when stored)")
public record TaxIdFields(
        @Schema(enumeration = { "eu_vat", "gb_vat", "ch_vat", "no_vat", "other" }) @NotNull String type,
        @Schema(example = "GB 980 7806 84", maxLength = 64) @NotNull @Size(min = 1, max = 64) String value) {
}
