package eu.billing.customers.tax;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import eu.billing.customers.tax.register.TaxIdVerifiers;
import eu.billing.customers.tax.register.ViesClient;
import eu.billing.customers.platform.queue.OrganizationDrain;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs queued checks in the background: right after the transaction that queued one commits, and
 * from a periodic scan that picks up rechecks of UNAVAILABLE verdicts, postponed checks and the
 * checks of a pod that died. Claims use FOR UPDATE SKIP LOCKED and a lease, so replicas share the
 * queue without running one check twice at a time; the register call also holds the number's lease
 * ({@link TaxIdLeases}), so it never overlaps a synchronous check of the same number either (a
 * check that finds the number leased is postponed, not failed).
 */
@ApplicationScoped
public class VatCheckWorker {

    private static final Logger LOG = Logger.getLogger(VatCheckWorker.class);

    private final VatVerifications verifications;
    private final VatCheckQueue queue;
    private final OrganizationDrain drain;
    private final ViesClient vies;
    private final TaxIdVerifiers registers;
    private final VatConfig config;
    private final ExecutorService executor;

    public VatCheckWorker(VatVerifications verifications, VatCheckQueue queue, OrganizationDrain drain,
            ViesClient vies, TaxIdVerifiers registers, VatConfig config) {
        this.verifications = verifications;
        this.queue = queue;
        this.drain = drain;
        this.vies = vies;
        this.registers = registers;
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "vat-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a just-queued check once its transaction has committed. */
    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) CheckQueued queued) {
        try {
            executor.execute(() -> run(queue.claim(queued.organizationId(), queued.customerId(), 1)));
        } catch (RejectedExecutionException e) {
            LOG.debug("worker shutting down; the periodic scan will run the check");
        }
    }

    @Scheduled(identity = "vat-checks", every = "${customers.vat.check-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        runDue();
    }

    /**
     * Runs every due check, organization by organization, in batches; answers how many were
     * claimed. An organization whose claims fail is logged and skipped until the next scan.
     */
    public int runDue() {
        return drain.run("vat-checks", queue.organizationsWithDueChecks(), config.checkBatchSize(),
                organizationId -> run(queue.claim(organizationId, null, config.checkBatchSize()))).done();
    }

    /** Runs the claimed checks; answers how many there were. */
    private int run(List<VatCheckQueue.Claim> claims) {
        for (VatCheckQueue.Claim k : claims) {
            try {
                if (verifications.prepareQueued(k) instanceof VatVerifications.Call call) {
                    VatVerifications.Prepared p = call.prepared();
                    boolean recorded = false;
                    try {
                        VatChecks.Outcome outcome = VatChecks.call(vies, registers, p);
                        verifications.completeQueued(k, p, outcome.source(), outcome.answer());
                        recorded = true;
                    } finally {
                        if (!recorded) {
                            verifications.release(p); // else its lease would hold the number until it expires
                        }
                    }
                }
            } catch (RuntimeException e) {
                // the claim's lease runs out and the scan retries it
                LOG.warnf(e, "background VAT check of customer %s failed", k.customerId());
            }
        }
        return claims.size();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
