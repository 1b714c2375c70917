package eu.billing.customers.tax;

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

import eu.billing.customers.customer.Customer;
import eu.billing.customers.platform.queue.Backoff;
import eu.billing.customers.platform.queue.LeasedQueue;

/**
 * The queue of background VAT checks (table {@code vat_checks}: at most one check per customer),
 * on {@link LeasedQueue}: checks after a create or update, rechecks of UNAVAILABLE verdicts with
 * backoff, and rechecks after an override expired.
 */
@ApplicationScoped
public class VatCheckQueue {

    public static final String TRIGGER_AUTO = "AUTO";
    public static final String TRIGGER_RECHECK = "RECHECK";

    private static final LeasedQueue.Table TABLE = new LeasedQueue.Table("vat_checks", "customer_id",
            List.of("vat_number", "trigger"));

    private final LeasedQueue queue;
    private final Backoff backoff;
    private final Event<CheckQueued> queued;

    public VatCheckQueue(EntityManager em, Clock clock, VatConfig config, Event<CheckQueued> queued) {
        this.queue = new LeasedQueue(em, clock, TABLE, config.checkLease());
        this.backoff = new Backoff(config.recheckInitialDelay(), config.recheckMaxDelay());
        this.queued = queued;
    }

    /** A queued check claimed by one worker. */
    public record Claim(UUID organizationId, UUID customerId, String vatNumber, String trigger, int attempts,
            LeasedQueue.Claimed lease) {
    }

    /**
     * Queues the check of the customer's current number (replacing a queued one); a check due now
     * starts as soon as the transaction commits ({@link CheckQueued}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(Customer c, String trigger, int attempts, Instant due, Instant now) {
        queue.put(c.organizationId, c.id, Map.of("vat_number", c.vatNumber, "trigger", trigger), attempts, due);
        if (!due.isAfter(now)) {
            queued.fire(new CheckQueued(c.organizationId, c.id));
        }
    }

    /** Drops the customer's queued check, if any. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void drop(Customer c) {
        queue.remove(c.organizationId, c.id);
    }

    /** Organizations that have checks due: a read-only scan over all of them, without locks. */
    @Transactional
    public List<UUID> organizationsWithDueChecks() {
        return queue.organizationsWithDueWork();
    }

    /** Claims up to {@code limit} due checks of one organization (only the customer's when given). */
    @Transactional
    public List<Claim> claim(UUID organizationId, UUID customerId, int limit) {
        return queue.claim(organizationId, customerId, limit).stream()
                .map(k -> new Claim(k.organizationId(), k.key(), (String) k.payload().get(0),
                        (String) k.payload().get(1), k.attempts(), k))
                .toList();
    }

    /** Whether the check is still this claim's; it stays locked until the transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean holds(Claim k) {
        return queue.holds(k.lease());
    }

    /** Gives the check back until {@code due} (a maintenance window): VIES was not asked. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void postpone(Claim k, Instant due) {
        queue.postpone(k.lease(), due);
    }

    /** VIES could not answer: recheck after the backoff of the next attempt. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recheckLater(Claim k, Instant now) {
        int attempts = k.attempts() + 1;
        queue.retry(k.lease(), attempts, now.plus(backoff(attempts)), Map.of("trigger", TRIGGER_RECHECK));
    }

    /** The check is done, or moot. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(Claim k) {
        queue.complete(k.lease());
    }

    /** Wait before recheck number {@code attempts} of an UNAVAILABLE verdict: doubling, capped. */
    Duration backoff(int attempts) {
        return backoff.after(attempts);
    }
}
