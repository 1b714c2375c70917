package eu.billing.customers.platform.json;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Timestamps on the wire: ISO 8601 in UTC, exactly as {@link Instant#toString()} (and so Jackson's
 * own {@code InstantSerializer} with {@code write-dates-as-timestamps=false}) writes them:
 * {@code 2026-11-29T10:00:00Z}, {@code 2026-11-29T10:00:00.120Z}, {@code 2026-11-29T10:00:00.123456Z}
 * (the fraction in groups of three digits, as many as it needs).
 *
 * <p>Written by hand because {@code DateTimeFormatter} was a tenth of the CPU samples of a list page
 * (issue 16: three timestamps per customer, twenty customers per page; docs/benchmarks.md).
 * Years outside 0000–9999, which the API never stores, fall back to {@link Instant#toString()}.
 * {@code TimestampsTest} compares both on millions of instants.
 */
public final class Timestamps {

    private Timestamps() {
    }

    /** The instant as {@link Instant#toString()} writes it. */
    public static String iso(Instant t) {
        long seconds = t.getEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return t.toString();
        }
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        byte[] b = new byte[30];
        int i = digits(b, 0, year, 4);
        b[i++] = '-';
        i = digits(b, i, date.getMonthValue(), 2);
        b[i++] = '-';
        i = digits(b, i, date.getDayOfMonth(), 2);
        b[i++] = 'T';
        i = digits(b, i, secondOfDay / 3600, 2);
        b[i++] = ':';
        i = digits(b, i, secondOfDay / 60 % 60, 2);
        b[i++] = ':';
        i = digits(b, i, secondOfDay % 60, 2);
        int nano = t.getNano();
        if (nano != 0) {
            b[i++] = '.';
            if (nano % 1_000_000 == 0) {
                i = digits(b, i, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                i = digits(b, i, nano / 1000, 6);
            } else {
                i = digits(b, i, nano, 9);
            }
        }
        b[i++] = 'Z';
        return new String(b, 0, i, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** {@code value} as {@code width} decimal digits, zero-padded, at {@code b[at]}; the index after them. */
    private static int digits(byte[] b, int at, int value, int width) {
        for (int p = at + width - 1; p >= at; p--) {
            b[p] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /** Every {@link Instant} the API writes (registered by {@link JsonConfig}). */
    public static final class Serializer extends StdSerializer<Instant> {
        public Serializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(iso(value));
        }
    }
}
