package eu.billing.customers.tax.register;

import eu.billing.customers.tax.id.TaxId;
import eu.billing.customers.tax.id.TaxIdType;

/**
 * One register that verifies one type of tax identifier. {@link TaxIdVerifiers} picks the one for
 * an identifier's type. Implementations never throw and never block past their configured timeouts
 * and retries: whatever goes wrong is an UNAVAILABLE answer with an error code, never INVALID.
 * Call them outside any database transaction.
 */
public interface TaxIdVerifier {

    /** The register this verifier asks (the verification's {@code provider}). */
    TaxRegister register();

    /** The identifier type it verifies. */
    TaxIdType type();

    /**
     * Asks the register about {@code taxId}, a well-formed, verifiable identifier of {@link #type()}.
     * The answer is VALID, INVALID or UNAVAILABLE.
     */
    TaxIdVerification verify(TaxId taxId, Requester requester);
}
