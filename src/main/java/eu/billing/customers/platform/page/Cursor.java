package eu.billing.customers.platform.page;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.zip.CRC32;

import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;

/**
 * Keyset position of a newest-first listing: the (timestamp, id) of the last row of a page, bound
 * to the query it came from. Opaque to clients (base64url); a cursor that does not decode, or that
 * belongs to another query, is a 400 {@code INVALID_CURSOR}.
 */
public record Cursor(Instant at, UUID id) {

    private static final String VERSION = "c1";

    public String encode(String query) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        String raw = VERSION + "|" + micros + "|" + id + "|" + fingerprint(query);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor given by a client; {@code null} or empty means "first page". */
    public static Cursor decode(String text, String query) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            if (text.length() > 200) {
                throw new IllegalArgumentException("too long");
            }
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", -1);
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown format");
            }
            if (!fingerprint(query).equals(parts[3])) {
                throw new DomainException(ErrorCode.INVALID_CURSOR,
                        "the cursor belongs to a listing with other filters; start again without a cursor");
            }
            Instant at = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
            return new Cursor(at, UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw new DomainException(ErrorCode.INVALID_CURSOR,
                    "the cursor is not one this API issued; use next_cursor from a previous page");
        }
    }

    private static String fingerprint(String query) {
        CRC32 crc = new CRC32();
        crc.update(query.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }
}
