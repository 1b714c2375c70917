package eu.billing.customers.platform.tenancy;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A change of an organization's settings, in the service's own terms: only the settings in
 * {@code present} change; a present {@code null} restores a setting's default (or is refused
 * where a setting has none).
 */
public record SettingsChange(Set<Setting> present, Boolean vatValidationEnabled,
        List<MaintenanceWindow> viesMaintenanceWindows, String manualOverrideMaxTtl, String requesterVatNumber,
        String defaultCurrency, List<String> disabledVerificationProviders, String requesterGbVatNumber,
        String homeCountry, PaymentTerms defaultPaymentTermsDays, String unknownPriceDisplay) {

    /** Default payment terms per customer type; each {@code null} when none. */
    public record PaymentTerms(Integer business, Integer consumer, Integer unknown) {
    }

    /** The settings; {@link #key()} names them in field errors (and, by design the same, in the API). */
    public enum Setting {
        VAT_VALIDATION_ENABLED, VIES_MAINTENANCE_WINDOWS, MANUAL_OVERRIDE_MAX_TTL, REQUESTER_VAT_NUMBER,
        DEFAULT_CURRENCY, DISABLED_VERIFICATION_PROVIDERS, REQUESTER_GB_VAT_NUMBER, HOME_COUNTRY,
        DEFAULT_PAYMENT_TERMS_DAYS, UNKNOWN_PRICE_DISPLAY;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SettingsChange {
        present = Set.copyOf(present);
    }

    public boolean has(Setting setting) {
        return present.contains(setting);
    }
}
