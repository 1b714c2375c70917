package eu.billing.customers.tax.register;

import eu.billing.customers.customer.VatValidationStatus;

/**
 * What one VIES check came to. {@code result} is VALID, INVALID or UNAVAILABLE; only VIES's
 * {@code INVALID_INPUT} or {@code valid: false} ever make it INVALID.
 *
 * @param errorCode the VIES error code (or our own: HTTP_500, REDIRECT, MALFORMED_RESPONSE,
 *                  READ_TIMEOUT, CONNECTION_FAILED, CIRCUIT_OPEN) when VIES gave no verdict
 */
public record ViesAnswer(VatValidationStatus result, String name, String address, String requestDate,
        String requestIdentifier, String errorCode) {

    public static ViesAnswer unavailable(String errorCode) {
        return new ViesAnswer(VatValidationStatus.UNAVAILABLE, null, null, null, null, errorCode);
    }

    public static ViesAnswer invalid(String errorCode) {
        return new ViesAnswer(VatValidationStatus.INVALID, null, null, null, null, errorCode);
    }
}
