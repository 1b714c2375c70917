package eu.billing.customers.platform.tenancy.rest;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.platform.tenancy.MaintenanceWindow;
import eu.billing.customers.platform.tenancy.Organization;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An organization's settings, as GET and PATCH /v1/organization/settings answer them. */
@RegisterForReflection
@Schema(name = "OrganizationSettings")
public record OrganizationSettingsView(
        @Schema(description = "Workspace kill switch of VAT validation (default true)") boolean vatValidationEnabled,
        @Schema(description = "Weekly windows in which VIES is not called") List<MaintenanceWindow> viesMaintenanceWindows,
        @Schema(description = "Longest manual override, ISO-8601 duration (default P365D)", example = "P365D")
        String manualOverrideMaxTtl,
        @Schema(nullable = true, description = "The organization's own VAT number, sent to VIES as requester (VIES "
                + "then returns a request identifier)", example = "DE123456789") String requesterVatNumber,
        @Schema(description = "ISO 4217; currency of wallets of customers without a preferred one", example = "EUR")
        String defaultCurrency,
        @Schema(description = "Registers the service does not call (kill switch per provider); their identifiers "
                + "are not verified") List<String> disabledVerificationProviders,
        @Schema(nullable = true, description = "The organization's UK VAT number, sent to HMRC as requester (HMRC "
                + "then returns a consultation number)", example = "GB980780684") String requesterGbVatNumber,
        @Schema(nullable = true, description = "The seller's country (ISO 3166-1 alpha-2, XI for Northern Ireland); "
                + "null until set, and every tax_treatment is UNDETERMINED until then", example = "DE") String homeCountry,
        @Schema(description = "Default payment terms per customer type") OrganizationSettingsPatch.PaymentTermsDays
        defaultPaymentTermsDays,
        @Schema(enumeration = { "GROSS", "NET" }, description = "Price display for UNKNOWN customers (default GROSS)")
        String unknownPriceDisplay) {

    /** {@code maxOverrideTtl}: the organization's effective manual_override_max_ttl (its default when unset). */
    public static OrganizationSettingsView of(Organization o, Duration maxOverrideTtl) {
        return new OrganizationSettingsView(o.vatValidationEnabled,
                o.viesMaintenanceWindows == null ? List.of() : List.copyOf(o.viesMaintenanceWindows),
                o.manualOverrideMaxTtl == null ? iso(maxOverrideTtl) : o.manualOverrideMaxTtl,
                o.requesterVatNumber, o.defaultCurrency, List.of(o.disabledVerificationProviders),
                o.requesterGbVatNumber, o.homeCountry, new OrganizationSettingsPatch.PaymentTermsDays(
                        o.paymentTermsBusiness, o.paymentTermsConsumer, o.paymentTermsUnknown),
                o.unknownPriceDisplay == null ? "GROSS" : o.unknownPriceDisplay);
    }

    /** P365D rather than Duration's PT8760H when the duration is whole days. */
    private static String iso(Duration d) {
        return d.toSeconds() % 86_400 == 0 && d.getNano() == 0 ? "P" + d.toDays() + "D" : d.toString();
    }
}
