package eu.billing.customers.platform.tenancy.rest;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.tenancy.MaintenanceWindow;
import eu.billing.customers.platform.tenancy.SettingsChange;
import eu.billing.customers.platform.tenancy.SettingsChange.Setting;
import eu.billing.customers.platform.validation.CountryCode;
import eu.billing.customers.platform.validation.CurrencyCode;
import eu.billing.customers.platform.validation.Patterns;
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
        @Schema(pattern = Patterns.CURRENCY, example = "EUR", description = "ISO 4217") @CurrencyCode String defaultCurrency,
        @Schema(nullable = true, description = "Registers not to call (VIES, HMRC, CH_UID, BRREG), replaced as a whole (null or [] enables all)",
                example = "[\"HMRC\"]")
        @Size(max = 4) List<String> disabledVerificationProviders,
        @Schema(nullable = true, description = "The organization's UK VAT number, sent to HMRC as requester; null removes it",
                example = "GB980780684") @Size(max = 32) String requesterGbVatNumber,
        @Schema(nullable = true, description = "The seller's country, ISO 3166-1 alpha-2 (XI for Northern Ireland): "
                + "without it every tax_treatment is UNDETERMINED", example = "DE") @CountryCode String homeCountry,
        @Schema(nullable = true, description = "Default payment terms per customer type (a customer's own "
                + "payment_terms_days wins); null removes them") @Valid PaymentTermsDays defaultPaymentTermsDays,
        @Schema(nullable = true, enumeration = { "GROSS", "NET" }, description = "Price display for UNKNOWN "
                + "customers; null restores GROSS") @Pattern(regexp = "^(GROSS|NET)$", message = "must be GROSS or NET")
        String unknownPriceDisplay) {

    /** Default payment terms per customer type. */
    @RegisterForReflection
    @Schema(name = "PaymentTermsDays", description = "Days per customer type; null: no default for that type")
    public record PaymentTermsDays(
            @Schema(nullable = true) @Min(0) @Max(365) Integer business,
            @Schema(nullable = true) @Min(0) @Max(365) Integer consumer,
            @Schema(nullable = true) @Min(0) @Max(365) Integer unknown) {
    }

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
                p.manualOverrideMaxTtl(), p.requesterVatNumber(), p.defaultCurrency(), p.disabledVerificationProviders(),
                p.requesterGbVatNumber(), p.homeCountry(),
                p.defaultPaymentTermsDays() == null ? null : new SettingsChange.PaymentTerms(
                        p.defaultPaymentTermsDays().business(), p.defaultPaymentTermsDays().consumer(),
                        p.defaultPaymentTermsDays().unknown()),
                p.unknownPriceDisplay());
    }
}
