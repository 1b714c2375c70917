package eu.billing.customers.platform.tenancy;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.problem.FieldError;
import eu.billing.customers.platform.problem.ValidationFailed;
import eu.billing.customers.platform.tenancy.SettingsChange.Setting;
import eu.billing.customers.platform.validation.VatNumbers;

/** The caller's organization settings (VAT validation switches, VIES windows, default currency). */
@ApplicationScoped
@Transactional
public class OrganizationSettings {

    private static final Pattern TIME = Pattern.compile("^([01]\\d|2[0-3]):[0-5]\\d$");
    private static final Set<String> DAYS = Set.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    /** The registers of tax identifiers (tax.register.TaxRegister), by name: the platform does not depend on tax. */
    private static final Set<String> PROVIDERS = Set.of("VIES", "HMRC", "CH_UID", "BRREG");
    /** A UK VAT number to send to HMRC as requester (its check digits are HMRC's business: it refuses a wrong one). */
    private static final Pattern GB_VRN = Pattern.compile("^(GB)?(\\d{9}|\\d{12})$");
    /** Longest allowed manual_override_max_ttl: ten years. */
    private static final Duration LONGEST = Duration.ofDays(3650);

    private final Caller caller;
    private final Clock clock;
    private final TenancyConfig config;
    private final Event<SettingsChanged> changed;

    public OrganizationSettings(Caller caller, Clock clock, TenancyConfig config, Event<SettingsChanged> changed) {
        this.caller = caller;
        this.clock = clock;
        this.config = config;
        this.changed = changed;
    }

    /** The caller's organization, whose columns are its settings. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Organization get() {
        return organization();
    }

    /** The organization's longest allowed manual VAT override: its setting, else the configured default. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Duration manualOverrideMaxTtl(Organization o) {
        return o.manualOverrideMaxTtl == null ? config.vat().defaultOverrideMaxTtl()
                : Duration.parse(o.manualOverrideMaxTtl);
    }

    public Organization update(SettingsChange p) {
        Organization o = organization();
        List<FieldError> errors = new ArrayList<>();
        if (p.has(Setting.VAT_VALIDATION_ENABLED)) {
            if (p.vatValidationEnabled() == null) {
                errors.add(new FieldError(Setting.VAT_VALIDATION_ENABLED.key(), "must not be null"));
            } else {
                o.vatValidationEnabled = p.vatValidationEnabled();
            }
        }
        if (p.has(Setting.VIES_MAINTENANCE_WINDOWS)) {
            List<MaintenanceWindow> windows = p.viesMaintenanceWindows() == null ? List.of() : p.viesMaintenanceWindows();
            List<MaintenanceWindow> normalized = new ArrayList<>();
            for (int i = 0; i < windows.size(); i++) {
                normalized.add(window(windows.get(i), Setting.VIES_MAINTENANCE_WINDOWS.key() + "[" + i + "]", errors));
            }
            o.viesMaintenanceWindows = normalized;
        }
        if (p.has(Setting.MANUAL_OVERRIDE_MAX_TTL)) {
            String ttl = p.manualOverrideMaxTtl();
            if (ttl == null) {
                o.manualOverrideMaxTtl = null;
            } else {
                try {
                    Duration d = Duration.parse(ttl);
                    if (d.isNegative() || d.isZero() || d.compareTo(LONGEST) > 0) {
                        errors.add(new FieldError(Setting.MANUAL_OVERRIDE_MAX_TTL.key(),
                                "must be positive and at most P3650D"));
                    } else {
                        o.manualOverrideMaxTtl = ttl.toUpperCase(java.util.Locale.ROOT);
                    }
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError(Setting.MANUAL_OVERRIDE_MAX_TTL.key(),
                            "must be an ISO-8601 duration in days or hours, such as P90D or PT36H"));
                }
            }
        }
        if (p.has(Setting.REQUESTER_VAT_NUMBER)) {
            String vatNumber = VatNumbers.normalize(p.requesterVatNumber());
            if (vatNumber != null) {
                VatNumbers.Parsed parsed = VatNumbers.parse(vatNumber);
                if (!parsed.wellFormed()) {
                    errors.add(new FieldError(Setting.REQUESTER_VAT_NUMBER.key(), parsed.problem()));
                }
            }
            o.requesterVatNumber = vatNumber;
        }
        if (p.has(Setting.DEFAULT_CURRENCY)) {
            if (p.defaultCurrency() == null) {
                errors.add(new FieldError(Setting.DEFAULT_CURRENCY.key(), "must not be null"));
            } else {
                o.defaultCurrency = p.defaultCurrency();
            }
        }
        if (p.has(Setting.DISABLED_VERIFICATION_PROVIDERS)) {
            List<String> providers = p.disabledVerificationProviders() == null ? List.of()
                    : p.disabledVerificationProviders();
            Set<String> folded = new LinkedHashSet<>();
            for (String provider : providers) {
                String name = provider == null ? "" : provider.trim().toUpperCase(java.util.Locale.ROOT);
                if (!PROVIDERS.contains(name)) {
                    errors.add(new FieldError(Setting.DISABLED_VERIFICATION_PROVIDERS.key(),
                            "must list providers among VIES, HMRC, CH_UID, BRREG"));
                    break;
                }
                folded.add(name);
            }
            o.disabledVerificationProviders = folded.toArray(String[]::new);
        }
        if (p.has(Setting.REQUESTER_GB_VAT_NUMBER)) {
            String vrn = VatNumbers.normalize(p.requesterGbVatNumber());
            if (vrn != null && !GB_VRN.matcher(vrn).matches()) {
                errors.add(new FieldError(Setting.REQUESTER_GB_VAT_NUMBER.key(),
                        "must be GB followed by 9 or 12 digits"));
            }
            o.requesterGbVatNumber = vrn == null || vrn.startsWith("GB") ? vrn : "GB" + vrn;
        }
        if (p.has(Setting.HOME_COUNTRY)) {
            o.homeCountry = p.homeCountry();
        }
        if (p.has(Setting.DEFAULT_PAYMENT_TERMS_DAYS)) {
            SettingsChange.PaymentTerms terms = p.defaultPaymentTermsDays();
            o.paymentTermsBusiness = terms == null ? null : terms.business();
            o.paymentTermsConsumer = terms == null ? null : terms.consumer();
            o.paymentTermsUnknown = terms == null ? null : terms.unknown();
        }
        if (p.has(Setting.UNKNOWN_PRICE_DISPLAY)) {
            o.unknownPriceDisplay = p.unknownPriceDisplay();
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        o.updatedAt = Clocks.now(clock);
        changed.fire(new SettingsChanged(o, p.present()));
        return o;
    }

    private static MaintenanceWindow window(MaintenanceWindow w, String at, List<FieldError> errors) {
        if (w == null) {
            errors.add(new FieldError(at, "must be an object"));
            return null;
        }
        Set<String> days = new LinkedHashSet<>();
        if (w.days() == null || w.days().isEmpty()) {
            errors.add(new FieldError(at + ".days", "must list at least one of MON, TUE, WED, THU, FRI, SAT, SUN"));
        } else {
            for (String day : w.days()) {
                String d = day == null ? "" : day.trim().toUpperCase(java.util.Locale.ROOT);
                if (!DAYS.contains(d)) {
                    errors.add(new FieldError(at + ".days", "must list days as MON, TUE, WED, THU, FRI, SAT, SUN"));
                    break;
                }
                days.add(d);
            }
        }
        if (w.start() == null || !TIME.matcher(w.start()).matches()) {
            errors.add(new FieldError(at + ".start", "must be a local time HH:MM"));
        }
        if (w.end() == null || !TIME.matcher(w.end()).matches()) {
            errors.add(new FieldError(at + ".end", "must be a local time HH:MM"));
        } else if (w.start() != null && TIME.matcher(w.start()).matches()
                && LocalTime.parse(w.start()).equals(LocalTime.parse(w.end()))) {
            errors.add(new FieldError(at + ".end", "must differ from start"));
        }
        String zone = w.timeZone();
        try {
            if (zone == null) {
                throw new DateTimeException("missing");
            }
            zone = ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            errors.add(new FieldError(at + ".time_zone", "must be an IANA time zone such as Europe/Berlin"));
        }
        return new MaintenanceWindow(List.copyOf(days), w.start(), w.end(), zone);
    }

    private Organization organization() {
        UUID id = caller.organizationId();
        Organization o = Organization.findById(id);
        if (o == null) {
            throw new DomainException(ErrorCode.ORGANIZATION_NOT_FOUND, "no organization " + id);
        }
        return o;
    }
}
