package eu.billing.customers.platform.tenancy.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.platform.tenancy.MaintenanceWindow;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An organization's settings, as GET and PATCH /v1/organization/settings answer them. */
@RegisterForReflection
@Schema(name = "OrganizationSettings")
public record OrganizationSettingsView(
        @Schema(description = "Workspace kill switch of VAT validation (default true)") boolean vatValidationEnabled,
        @Schema(description = "Weekly windows in which VIES is not called") List<MaintenanceWindow> viesMaintenanceWindows,
        @Schema(description = "Longest manual override, ISO-8601 duration (default P365D)", example = "P365D")
        String manualOverrideMaxTtl,
        @Schema(description = "The organization's own VAT number, sent to VIES as requester (VIES then returns a "
                + "request identifier)", example = "DE123456789") String requesterVatNumber,
        @Schema(description = "ISO 4217; currency of wallets of customers without a preferred one", example = "EUR")
        String defaultCurrency) {
}
