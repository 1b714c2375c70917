package eu.billing.customers.tax.register;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import eu.billing.customers.platform.Clocks;
import eu.billing.customers.tax.id.TaxId;
import eu.billing.customers.tax.id.TaxIdType;
import io.quarkus.arc.All;
import io.quarkus.arc.Unremovable;

/**
 * Picks the register for an identifier's type, and verifies through it. Unremovable: until a service
 * injects it, ArC would drop it and the verifiers, and with them their {@code customers.<register>.*}
 * configuration, which then fails validation at start-up.
 */
@ApplicationScoped
@Unremovable
public class TaxIdVerifiers {

    private final Map<TaxIdType, TaxIdVerifier> byType = new EnumMap<>(TaxIdType.class);
    private final Clock clock;

    public TaxIdVerifiers(@All List<TaxIdVerifier> verifiers, Clock clock) {
        this.clock = clock;
        for (TaxIdVerifier verifier : verifiers) {
            TaxIdVerifier previous = byType.put(verifier.type(), verifier);
            if (previous != null) {
                throw new IllegalStateException("two verifiers for " + verifier.type().code() + ": "
                        + previous.register() + " and " + verifier.register());
            }
        }
    }

    /** The verifier for {@code type}; empty for {@code other}, which no register checks. */
    public Optional<TaxIdVerifier> forType(TaxIdType type) {
        return Optional.ofNullable(byType.get(type));
    }

    /**
     * Verifies {@code taxId} with its register: VALID, INVALID or UNAVAILABLE; UNVERIFIABLE without
     * calling anything when no register can check it ({@link TaxId#verifiable()}).
     */
    public TaxIdVerification verify(TaxId taxId, Requester requester) {
        Optional<TaxIdVerifier> verifier = taxId.verifiable() ? forType(taxId.type()) : Optional.empty();
        return verifier.map(v -> v.verify(taxId, requester == null ? Requester.NONE : requester))
                .orElseGet(() -> TaxIdVerification.unverifiable(Clocks.now(clock)));
    }
}
