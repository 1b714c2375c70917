package eu.billing.customers.platform.tenancy.rest;

import java.util.List;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.platform.tenancy.MaintenanceWindow;
import eu.billing.customers.platform.validation.CurrencyCode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of PATCH /v1/organization/settings: absent fields are unchanged. */
@RegisterForReflection
@Schema(name = "OrganizationSettingsPatch")
public record OrganizationSettingsPatch(
        Boolean vatValidationEnabled,
        @Size(max = 20) List<MaintenanceWindow> viesMaintenanceWindows,
        @Schema(description = "ISO-8601 duration; null restores the default (P365D)", example = "P90D")
        String manualOverrideMaxTtl,
        @Schema(description = "null removes it") @Size(max = 32) String requesterVatNumber,
        @CurrencyCode String defaultCurrency) {
}
