package eu.billing.customers.platform.tenancy.rest;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.tenancy.MaintenanceWindow;
import eu.billing.customers.platform.tenancy.SettingsChange;
import eu.billing.customers.platform.tenancy.SettingsChange.Setting;
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

    /** Binds and validates a request body and maps it to the service's {@link SettingsChange}. */
    public static SettingsChange read(JsonInput json, ObjectNode body) {
        JsonInput.Bound<OrganizationSettingsPatch> bound = json.bind(body, OrganizationSettingsPatch.class);
        Set<Setting> present = EnumSet.noneOf(Setting.class);
        for (Setting setting : Setting.values()) {
            if (bound.has(setting.key())) {
                present.add(setting);
            }
        }
        OrganizationSettingsPatch p = bound.value();
        return new SettingsChange(present, p.vatValidationEnabled(), p.viesMaintenanceWindows(),
                p.manualOverrideMaxTtl(), p.requesterVatNumber(), p.defaultCurrency());
    }
}
