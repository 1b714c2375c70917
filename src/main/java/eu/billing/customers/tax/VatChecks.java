package eu.billing.customers.tax;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.VatValidationStatus;
import eu.billing.customers.platform.validation.VatNumbers;
import eu.billing.customers.tax.id.TaxId;
import eu.billing.customers.tax.id.TaxIdStatus;
import eu.billing.customers.tax.id.TaxIdType;
import eu.billing.customers.tax.id.TaxIds;
import eu.billing.customers.tax.register.Requester;
import eu.billing.customers.tax.register.TaxIdVerification;
import eu.billing.customers.tax.register.TaxIdVerifiers;
import eu.billing.customers.tax.register.TaxRegister;
import eu.billing.customers.tax.register.ViesAnswer;
import eu.billing.customers.tax.register.ViesClient;

/**
 * A synchronous check: preconditions in one short transaction, the register call outside any
 * transaction, the result in a second one. A number whose format cannot be valid is INVALID from
 * source FORMAT and no register is called. The primary VAT number is an eu_vat (VIES) or, since
 * issue 11, a 9 or 12-digit gb_vat (HMRC): see docs/tax-ids.md. A check that asks a register holds
 * the number's lease meanwhile ({@link TaxIdLeases}): one register call per identifier at a time.
 */
@ApplicationScoped
public class VatChecks {

    private final VatVerifications verifications;
    private final ViesClient vies;
    private final TaxIdVerifiers registers;

    public VatChecks(VatVerifications verifications, ViesClient vies, TaxIdVerifiers registers) {
        this.verifications = verifications;
        this.vies = vies;
        this.registers = registers;
    }

    /**
     * Checks the customer's number now; the identifier's lease ({@link TaxIdLeases}) is taken with the
     * refusals and ended by the transaction that records the answer (or, when that fails, by another).
     */
    public Customer checkNow(UUID customerId) {
        VatVerifications.Prepared p = verifications.prepareSync(customerId);
        boolean recorded = false;
        try {
            Outcome outcome = call(vies, registers, p);
            Customer c = verifications.completeSync(p, outcome.source(), outcome.answer());
            recorded = true;
            return c;
        } finally {
            if (!recorded) {
                verifications.release(p);
            }
        }
    }

    /** The answer for a prepared check: the format check, then VIES (or HMRC for a GB number). */
    record Outcome(String source, ViesAnswer answer) {
    }

    /** Whether the primary number {@code vatNumber} is a UK one, checked by HMRC rather than VIES. */
    static boolean ukNumber(String vatNumber) {
        return vatNumber != null && vatNumber.startsWith("GB");
    }

    /** Whether VIES checks {@code vatNumber} (its maintenance windows apply). */
    static boolean viesChecks(String vatNumber) {
        return !ukNumber(vatNumber);
    }

    /** The register that checks a primary VAT number: VIES, or HMRC for GB numbers. */
    public static String provider(String vatNumber) {
        return (ukNumber(vatNumber) ? TaxRegister.HMRC : TaxRegister.VIES).name();
    }

    /**
     * Whether checking {@code number} asks a register (VIES, HMRC): not when its format cannot be
     * valid (FORMAT INVALID), nor for the GD/HA forms no register checks.
     */
    static boolean callsRegister(VatNumbers.Parsed number) {
        if (ukNumber(number.normalized())) {
            TaxIds.Parsed parsed = TaxIds.parse(TaxIdType.GB_VAT, number.normalized());
            return parsed.wellFormed() && parsed.taxId().verifiable();
        }
        return number.wellFormed();
    }

    static Outcome call(ViesClient vies, TaxIdVerifiers registers, VatVerifications.Prepared p) {
        VatNumbers.Parsed number = p.number();
        if (!callsRegister(number)) {
            return new Outcome(VatVerification.SOURCE_FORMAT, ViesAnswer.invalid(null));
        }
        if (ukNumber(number.normalized())) {
            return hmrc(registers, p);
        }
        return new Outcome(VatVerification.SOURCE_VIES,
                vies.check(number.country(), number.national(), p.requesterCountry(), p.requesterNumber()));
    }

    /** A GB primary number that passed HMRC's modulus-97 check ({@link #callsRegister}): HMRC. */
    private static Outcome hmrc(TaxIdVerifiers registers, VatVerifications.Prepared p) {
        TaxIds.Parsed parsed = TaxIds.parse(TaxIdType.GB_VAT, p.number().normalized());
        TaxId requester = null;
        if (p.requesterGbVatNumber() != null) {
            TaxIds.Parsed own = TaxIds.parse(TaxIdType.GB_VAT, p.requesterGbVatNumber());
            requester = own.wellFormed() && own.taxId().verifiable() ? own.taxId() : null;
        }
        TaxIdVerification v = registers.verify(parsed.taxId(), new Requester(null, requester));
        VatValidationStatus result = v.status() == TaxIdStatus.VALID ? VatValidationStatus.VALID
                : v.status() == TaxIdStatus.INVALID ? VatValidationStatus.INVALID : VatValidationStatus.UNAVAILABLE;
        return new Outcome(TaxRegister.HMRC.name(), new ViesAnswer(result, v.verifiedName(), v.verifiedAddress(),
                v.checkedAt() == null ? null : v.checkedAt().toString(), v.reference(), v.errorCode()));
    }
}
