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
import jakarta.transaction.Transactional;

import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.json.JsonInput.Bound;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.problem.FieldError;
import eu.billing.customers.platform.problem.ValidationFailed;
import eu.billing.customers.platform.tenancy.rest.OrganizationSettingsPatch;
import eu.billing.customers.platform.tenancy.rest.OrganizationSettingsView;
import eu.billing.customers.platform.validation.VatNumbers;
import eu.billing.customers.tax.VatConfig;

/** The caller's organization settings (VAT validation switches, VIES windows, default currency). */
@ApplicationScoped
@Transactional
public class OrganizationSettings {

    private static final Pattern TIME = Pattern.compile("^([01]\\d|2[0-3]):[0-5]\\d$");
    private static final Set<String> DAYS = Set.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    /** Longest allowed manual_override_max_ttl: ten years. */
    private static final Duration LONGEST = Duration.ofDays(3650);

    private final Caller caller;
    private final Clock clock;
    private final VatConfig vat;

    public OrganizationSettings(Caller caller, Clock clock, VatConfig vat) {
        this.caller = caller;
        this.clock = clock;
        this.vat = vat;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public OrganizationSettingsView get() {
        return view(organization());
    }

    public OrganizationSettingsView update(Bound<OrganizationSettingsPatch> input) {
        OrganizationSettingsPatch p = input.value();
        Organization o = organization();
        List<FieldError> errors = new ArrayList<>();
        if (input.has("vat_validation_enabled")) {
            if (p.vatValidationEnabled() == null) {
                errors.add(new FieldError("vat_validation_enabled", "must not be null"));
            } else {
                o.vatValidationEnabled = p.vatValidationEnabled();
            }
        }
        if (input.has("vies_maintenance_windows")) {
            List<MaintenanceWindow> windows = p.viesMaintenanceWindows() == null ? List.of() : p.viesMaintenanceWindows();
            List<MaintenanceWindow> normalized = new ArrayList<>();
            for (int i = 0; i < windows.size(); i++) {
                normalized.add(window(windows.get(i), "vies_maintenance_windows[" + i + "]", errors));
            }
            o.viesMaintenanceWindows = normalized;
        }
        if (input.has("manual_override_max_ttl")) {
            String ttl = p.manualOverrideMaxTtl();
            if (ttl == null) {
                o.manualOverrideMaxTtl = null;
            } else {
                try {
                    Duration d = Duration.parse(ttl);
                    if (d.isNegative() || d.isZero() || d.compareTo(LONGEST) > 0) {
                        errors.add(new FieldError("manual_override_max_ttl", "must be positive and at most P3650D"));
                    } else {
                        o.manualOverrideMaxTtl = ttl.toUpperCase(java.util.Locale.ROOT);
                    }
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError("manual_override_max_ttl",
                            "must be an ISO-8601 duration in days or hours, such as P90D or PT36H"));
                }
            }
        }
        if (input.has("requester_vat_number")) {
            String vatNumber = VatNumbers.normalize(p.requesterVatNumber());
            if (vatNumber != null) {
                VatNumbers.Parsed parsed = VatNumbers.parse(vatNumber);
                if (!parsed.wellFormed()) {
                    errors.add(new FieldError("requester_vat_number", parsed.problem()));
                }
            }
            o.requesterVatNumber = vatNumber;
        }
        if (input.has("default_currency")) {
            if (p.defaultCurrency() == null) {
                errors.add(new FieldError("default_currency", "must not be null"));
            } else {
                o.defaultCurrency = p.defaultCurrency();
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        o.updatedAt = Clocks.now(clock);
        return view(o);
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

    private OrganizationSettingsView view(Organization o) {
        return new OrganizationSettingsView(o.vatValidationEnabled,
                o.viesMaintenanceWindows == null ? List.of() : List.copyOf(o.viesMaintenanceWindows),
                o.manualOverrideMaxTtl == null ? iso(vat.defaultOverrideMaxTtl()) : o.manualOverrideMaxTtl,
                o.requesterVatNumber, o.defaultCurrency);
    }

    /** P365D rather than Duration's PT8760H when the duration is whole days. */
    private static String iso(Duration d) {
        return d.toSeconds() % 86_400 == 0 && d.getNano() == 0 ? "P" + d.toDays() + "D" : d.toString();
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
