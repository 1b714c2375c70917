package eu.billing.customers.tax;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.billing.customers.tax.register.ViesAnswer;
import eu.billing.customers.tax.register.ViesClient;
import eu.billing.customers.customer.Customer;
import eu.billing.customers.platform.validation.VatNumbers;

/**
 * A synchronous check: preconditions in one short transaction, the VIES call outside any
 * transaction, the result in a second one. A number whose format cannot be valid is INVALID from
 * source FORMAT and VIES is not called.
 */
@ApplicationScoped
public class VatChecks {

    private final VatVerifications verifications;
    private final ViesClient vies;

    public VatChecks(VatVerifications verifications, ViesClient vies) {
        this.verifications = verifications;
        this.vies = vies;
    }

    public Customer checkNow(UUID customerId) {
        VatVerifications.Prepared p = verifications.prepareSync(customerId);
        Outcome outcome = call(vies, p);
        return verifications.completeSync(p, outcome.source(), outcome.answer());
    }

    /** The answer for a prepared check: the format check, then VIES. */
    record Outcome(String source, ViesAnswer answer) {
    }

    static Outcome call(ViesClient vies, VatVerifications.Prepared p) {
        VatNumbers.Parsed number = p.number();
        if (!number.wellFormed()) {
            return new Outcome(VatVerification.SOURCE_FORMAT, ViesAnswer.invalid(null));
        }
        return new Outcome(VatVerification.SOURCE_VIES,
                vies.check(number.country(), number.national(), p.requesterCountry(), p.requesterNumber()));
    }
}
