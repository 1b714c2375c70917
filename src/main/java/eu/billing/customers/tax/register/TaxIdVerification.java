package eu.billing.customers.tax.register;

import java.time.Instant;

import eu.billing.customers.tax.id.TaxIdStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one verification of a tax identifier came to.
 *
 * @param status VALID or INVALID (the register's verdict), UNAVAILABLE (the register gave none: an
 *               outage, a timeout, a 5xx, a redirect, a garbled answer, a refused request), or
 *               UNVERIFIABLE (no register checks this identifier; nothing was called)
 * @param provider the register asked; {@code null} for UNVERIFIABLE
 * @param checkedAt when the register answered: its own processing time when it states one (VIES's
 *                  {@code requestDate}, HMRC's {@code processingDate}), else the service's clock
 * @param verifiedName the registered name, when the register publishes one
 * @param verifiedAddress the registered address, lines separated by {@code \n}, when published
 * @param reference the register's consultation number (VIES {@code requestIdentifier}, HMRC
 *                  {@code consultationNumber}), given only when the organization's own number was sent
 * @param errorCode why there is no VALID verdict, for logs and the history ({@code NOT_FOUND},
 *                  {@code HTTP_503}, {@code READ_TIMEOUT}, {@code CIRCUIT_OPEN}...); {@code null} when VALID
 */
@RegisterForReflection
public record TaxIdVerification(TaxIdStatus status, TaxRegister provider, Instant checkedAt, String verifiedName,
        String verifiedAddress, String reference, String errorCode) {

    public static TaxIdVerification valid(TaxRegister provider, Instant checkedAt, String name, String address,
            String reference) {
        return new TaxIdVerification(TaxIdStatus.VALID, provider, checkedAt, name, address, reference, null);
    }

    public static TaxIdVerification invalid(TaxRegister provider, Instant checkedAt, String errorCode) {
        return new TaxIdVerification(TaxIdStatus.INVALID, provider, checkedAt, null, null, null, errorCode);
    }

    public static TaxIdVerification unavailable(TaxRegister provider, Instant checkedAt, String errorCode) {
        return new TaxIdVerification(TaxIdStatus.UNAVAILABLE, provider, checkedAt, null, null, null, errorCode);
    }

    public static TaxIdVerification unverifiable(Instant checkedAt) {
        return new TaxIdVerification(TaxIdStatus.UNVERIFIABLE, null, checkedAt, null, null, null, "NO_REGISTER");
    }
}
