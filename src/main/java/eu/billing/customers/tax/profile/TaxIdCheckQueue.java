package eu.billing.customers.tax.profile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import eu.billing.customers.platform.queue.Backoff;
import eu.billing.customers.platform.queue.LeasedQueue;
import eu.billing.customers.tax.VatConfig;

/**
 * The queue of background checks of the identifiers in tax_ids (table {@code tax_id_checks}: at
 * most one per identifier), on {@link LeasedQueue} like the VAT checks, with their configuration
 * ({@code customers.vat.*}): the check after an identifier is added, rechecks of UNAVAILABLE with
 * backoff.
 */
@ApplicationScoped
public class TaxIdCheckQueue {

    static final String TRIGGER_RECHECK = "RECHECK";

    private static final LeasedQueue.Table TABLE = new LeasedQueue.Table("tax_id_checks", "tax_id",
            List.of("customer_id", "value", "trigger"));

    private final LeasedQueue queue;
    private final Backoff backoff;
    private final Event<TaxIdCheckQueued> queued;

    public TaxIdCheckQueue(EntityManager em, Clock clock, VatConfig config, Event<TaxIdCheckQueued> queued) {
        this.queue = new LeasedQueue(em, clock, TABLE, config.checkLease());
        this.backoff = new Backoff(config.recheckInitialDelay(), config.recheckMaxDelay());
        this.queued = queued;
    }

    /** A claimed check. */
    record Claim(UUID organizationId, UUID taxId, UUID customerId, String value, String trigger, int attempts,
            LeasedQueue.Claimed lease) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void queue(CustomerTaxId row, String trigger, int attempts, Instant due, Instant now) {
        queue.put(row.organizationId, row.id, Map.of("customer_id", row.customerId, "value", row.value,
                "trigger", trigger), attempts, due);
        if (!due.isAfter(now)) {
            queued.fire(new TaxIdCheckQueued(row.organizationId, row.id));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void drop(CustomerTaxId row) {
        queue.remove(row.organizationId, row.id);
    }

    @Transactional
    List<UUID> organizationsWithDueChecks() {
        return queue.organizationsWithDueWork();
    }

    @Transactional
    List<Claim> claim(UUID organizationId, UUID taxId, int limit) {
        return queue.claim(organizationId, taxId, limit).stream()
                .map(k -> new Claim(k.organizationId(), k.key(), (UUID) k.payload().get(0), (String) k.payload().get(1),
                        (String) k.payload().get(2), k.attempts(), k))
                .toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    boolean holds(Claim k) {
        return queue.holds(k.lease());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void postpone(Claim k, Instant due) {
        queue.postpone(k.lease(), due);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void recheckLater(Claim k, Instant now) {
        int attempts = k.attempts() + 1;
        queue.retry(k.lease(), attempts, now.plus(backoff(attempts)), Map.of("trigger", TRIGGER_RECHECK));
    }

    /** After a synchronous check answered UNAVAILABLE: the first recheck, after the first backoff. */
    @Transactional(Transactional.TxType.MANDATORY)
    void recheck(CustomerTaxId row, Instant now) {
        queue(row, TRIGGER_RECHECK, 1, now.plus(backoff(1)), now);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void complete(Claim k) {
        queue.complete(k.lease());
    }

    Duration backoff(int attempts) {
        return backoff.after(attempts);
    }
}
