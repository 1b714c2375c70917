package eu.billing.customers.tax.profile;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.billing.customers.tax.VatChecks;
import eu.billing.customers.tax.register.TaxIdVerification;
import eu.billing.customers.tax.register.TaxIdVerifiers;

/**
 * A synchronous verification of one identifier: refusals and lease in one short transaction, the
 * register call outside any transaction, the answer in a second one. The primary is checked by the
 * VAT check of issue 3 ({@link VatChecks}), which takes and ends its lease the same way.
 */
@ApplicationScoped
public class TaxIdChecks {

    private final TaxIdVerifications verifications;
    private final TaxIdVerifiers registers;
    private final VatChecks vat;
    private final TaxIdProfiles profiles;

    public TaxIdChecks(TaxIdVerifications verifications, TaxIdVerifiers registers, VatChecks vat,
            TaxIdProfiles profiles) {
        this.verifications = verifications;
        this.registers = registers;
        this.vat = vat;
        this.profiles = profiles;
    }

    /** Verifies now and answers the identifier with its new verification. */
    public HeldTaxId verifyNow(UUID customerId, UUID taxId) {
        TaxIdVerifications.Prepared p = verifications.prepareSync(customerId, taxId);
        if (p.primary()) {
            vat.checkNow(customerId);
            return profiles.get(customerId, taxId);
        }
        boolean recorded = false;
        try {
            TaxIdVerification v = registers.verify(p.identifier(), p.requester());
            verifications.completeSync(p, v);
            recorded = true;
        } finally {
            if (!recorded) {
                verifications.release(p);
            }
        }
        return profiles.get(customerId, taxId);
    }
}
