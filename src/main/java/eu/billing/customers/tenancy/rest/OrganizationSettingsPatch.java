package eu.billing.customers.tenancy.rest;

import java.util.List;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.common.validation.CurrencyCode;
import eu.billing.customers.common.validation.Patterns;
import eu.billing.customers.vat.MaintenanceWindow;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of PATCH /v1/organization/settings: absent fields are unchanged. */
@RegisterForReflection
@Schema(name = "OrganizationSettingsPatch", additionalProperties = Schema.False.class,
        description = "Send only the settings to change: an absent field is left as it is, null clears a nullable one")
public record OrganizationSettingsPatch(
        Boolean vatValidationEnabled,
        @Schema(nullable = true, description = "Replaced as a whole; null or [] removes every window")
        @Size(max = 20) List<MaintenanceWindow> viesMaintenanceWindows,
        @Schema(nullable = true, description = "ISO-8601 duration; null restores the default (P365D)", example = "P90D")
        String manualOverrideMaxTtl,
        @Schema(nullable = true, description = "null removes it") @Size(max = 32) String requesterVatNumber,
        @Schema(pattern = Patterns.CURRENCY, example = "EUR", description = "ISO 4217") @CurrencyCode String defaultCurrency) {
}
