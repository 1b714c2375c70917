package eu.billing.customers.platform.tenancy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A weekly window in which an organization does not call VIES: on each of {@code days}, from
 * {@code start} to {@code end} (local times in {@code time_zone}; an end at or before the start
 * runs past midnight into the next day). Stored in organizations.vies_maintenance_windows.
 */
@RegisterForReflection
@Schema(name = "ViesMaintenanceWindow")
public record MaintenanceWindow(
        @Schema(description = "Days the window starts on: MON, TUE, WED, THU, FRI, SAT, SUN", example = "[\"SAT\"]")
        List<String> days,
        @Schema(description = "Local start time, HH:MM", example = "22:00") String start,
        @Schema(description = "Local end time, HH:MM; at or before start means the next day", example = "02:00") String end,
        @Schema(description = "IANA time zone", example = "Europe/Berlin") String timeZone) {

    /** When the window is open at {@code now}: the instant it closes. */
    public Optional<Instant> closesAfter(Instant now) {
        ZoneId zone = ZoneId.of(timeZone);
        LocalTime from = LocalTime.parse(start);
        LocalTime to = LocalTime.parse(end);
        ZonedDateTime local = now.atZone(zone);
        // a window that started today, or one that started yesterday and runs past midnight
        for (int back = 0; back <= 1; back++) {
            ZonedDateTime day = local.minusDays(back);
            if (!days.contains(abbreviation(day.getDayOfWeek()))) {
                continue;
            }
            ZonedDateTime opens = day.toLocalDate().atTime(from).atZone(zone);
            ZonedDateTime closes = day.toLocalDate().atTime(to).atZone(zone);
            if (!to.isAfter(from)) {
                closes = closes.plusDays(1);
            }
            if (!local.isBefore(opens) && local.isBefore(closes)) {
                return Optional.of(closes.toInstant());
            }
        }
        return Optional.empty();
    }

    /** The latest closing instant of the windows open at {@code now}, if any is open. */
    public static Optional<Instant> openUntil(List<MaintenanceWindow> windows, Instant now) {
        return windows == null ? Optional.empty()
                : windows.stream().map(w -> w.closesAfter(now)).flatMap(Optional::stream).max(Instant::compareTo);
    }

    public static String abbreviation(DayOfWeek day) {
        return day.name().substring(0, 3).toUpperCase(Locale.ROOT);
    }
}
