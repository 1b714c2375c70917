package eu.billing.customers.platform.web;

import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;

/** {@code ETag} / {@code If-Match} on the version of a record. */
public final class Preconditions {

    private Preconditions() {
    }

    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header asks for; {@code null} when the header is absent or
     * {@code *}. Accepts {@code "3"}, {@code W/"3"} and {@code 3}.
     */
    public static Integer expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            int version = Integer.parseInt(value);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new DomainException(ErrorCode.INVALID_HEADER,
                "If-Match must be the ETag of the record, such as \"3\"");
    }
}
