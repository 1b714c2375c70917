package eu.billing.customers.tax.register;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import eu.billing.customers.tax.id.TaxId;
import eu.billing.customers.tax.id.TaxIdStatus;
import eu.billing.customers.tax.id.TaxIdType;
import eu.billing.customers.tax.id.TaxIds;

/**
 * eu_vat through VIES: an adapter over the existing {@link ViesClient}, which keeps its own fault
 * rules, retries and one circuit breaker per member state ({@code customers.vies.*},
 * docs/vat-validation.md).
 */
@ApplicationScoped
public class ViesVerifier implements TaxIdVerifier {

    private final ViesClient vies;
    private final Clock clock;

    public ViesVerifier(ViesClient vies, Clock clock) {
        this.vies = vies;
        this.clock = clock;
    }

    @Override
    public TaxRegister register() {
        return TaxRegister.VIES;
    }

    @Override
    public TaxIdType type() {
        return TaxIdType.EU_VAT;
    }

    @Override
    public TaxIdVerification verify(TaxId taxId, Requester requester) {
        TaxId own = requester.euVat();
        ViesAnswer answer = vies.check(TaxIds.viesCountry(taxId.country()), taxId.national(),
                own == null ? null : TaxIds.viesCountry(own.country()), own == null ? null : own.national());
        return switch (answer.result()) {
            case VALID -> TaxIdVerification.valid(TaxRegister.VIES, RegisterCall.at(answer.requestDate(), clock),
                    answer.name(), answer.address(), blankToNull(answer.requestIdentifier()));
            case INVALID -> new TaxIdVerification(TaxIdStatus.INVALID, TaxRegister.VIES,
                    RegisterCall.at(answer.requestDate(), clock), null, null, blankToNull(answer.requestIdentifier()),
                    answer.errorCode() == null ? "NOT_VALID" : answer.errorCode());
            default -> TaxIdVerification.unavailable(TaxRegister.VIES, RegisterCall.at(null, clock),
                    answer.errorCode());
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
