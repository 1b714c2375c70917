package eu.billing.customers.tax;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.tax.id.TaxIdType;
import eu.billing.customers.tax.id.TaxIds;

/**
 * One register call per identifier at a time, whichever replica makes it (table {@code tax_id_leases}):
 * a verification inserts its lease before calling and deletes it with the answer; the primary key
 * (organization, customer, value) refuses a second lease until the first is released or, after a
 * crash, expires ({@code customers.vat.check-lease}). Every path that asks a register takes it: the
 * synchronous and queued checks of the primary VAT number ({@link VatVerifications}) and of the
 * identifiers in tax_ids ({@code tax.profile.TaxIdVerifications}). Here, in {@code tax}, so that
 * both can use it ({@code tax.profile} depends on {@code tax}, not the other way).
 */
@ApplicationScoped
public class TaxIdLeases {

    /** A queued check that found its identifier leased tries again this much later (it is not failed). */
    public static final Duration BUSY_RETRY = Duration.ofSeconds(5);

    private static final String TAKE = """
            INSERT INTO tax_id_leases (organization_id, customer_id, value, claim_id, expires_at)
            VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT (organization_id, customer_id, value) DO UPDATE
                SET claim_id = excluded.claim_id, expires_at = excluded.expires_at
                WHERE tax_id_leases.expires_at <= ?6
            RETURNING claim_id""";

    private static final String RELEASE = """
            DELETE FROM tax_id_leases WHERE organization_id = ?1 AND customer_id = ?2 AND value = ?3 AND claim_id = ?4""";

    private final EntityManager em;
    private final Clock clock;
    private final VatConfig config;

    public TaxIdLeases(EntityManager em, Clock clock, VatConfig config) {
        this.em = em;
        this.clock = clock;
        this.config = config;
    }

    /**
     * The value the primary VAT number {@code vatNumber} is leased under: the value a tax identifier
     * of it holds (its stored form, as {@code tax.profile.PrimaryVat} sees it), else the number itself.
     */
    public static String primary(String vatNumber) {
        TaxIds.Parsed parsed = TaxIds.parse(vatNumber.startsWith("GB") ? TaxIdType.GB_VAT : TaxIdType.EU_VAT,
                vatNumber);
        return parsed.wellFormed() ? parsed.taxId().value() : vatNumber;
    }

    /** Takes the lease of one identifier; empty while another verification holds it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> take(UUID organizationId, UUID customerId, String value) {
        Instant now = Clocks.now(clock);
        UUID claim = Ids.newId();
        List<?> taken = em.createNativeQuery(TAKE).setParameter(1, organizationId).setParameter(2, customerId)
                .setParameter(3, value).setParameter(4, claim).setParameter(5, now.plus(config.checkLease()))
                .setParameter(6, now).getResultList();
        return taken.isEmpty() ? Optional.empty() : Optional.of(claim);
    }

    /** Ends a lease this verification holds (nothing when it expired and another took it). */
    @Transactional(Transactional.TxType.REQUIRED)
    public void release(UUID organizationId, UUID customerId, String value, UUID claim) {
        em.createNativeQuery(RELEASE).setParameter(1, organizationId).setParameter(2, customerId)
                .setParameter(3, value).setParameter(4, claim).executeUpdate();
    }
}
