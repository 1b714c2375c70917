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

import io.quarkus.scheduler.Scheduled;

/**
 * Runs queued checks in the background: right after the transaction that queued one commits, and
 * from a periodic scan that picks up rechecks of UNAVAILABLE verdicts, postponed checks and the
 * checks of a pod that died. Claims use FOR UPDATE SKIP LOCKED and a lease, so replicas share the
 * queue without running one check twice at a time.
 */
@ApplicationScoped
public class VatCheckWorker {

    private static final Logger LOG = Logger.getLogger(VatCheckWorker.class);

    private final VatVerifications verifications;
    private final ViesClient vies;
    private final VatConfig config;
    private final ExecutorService executor;

    public VatCheckWorker(VatVerifications verifications, ViesClient vies, VatConfig config) {
        this.verifications = verifications;
        this.vies = vies;
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
            executor.execute(() -> run(verifications.claim(queued.organizationId(), queued.customerId(), 1)));
        } catch (RejectedExecutionException e) {
            LOG.debug("worker shutting down; the periodic scan will run the check");
        }
    }

    @Scheduled(identity = "vat-checks", every = "${customers.vat.check-every:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        runDue();
    }

    /** Runs every due check, in batches; answers how many were claimed. */
    public int runDue() {
        int total = 0;
        for (java.util.UUID organizationId : verifications.organizationsWithDueChecks()) {
            List<VatVerifications.Claim> batch;
            do {
                batch = verifications.claim(organizationId, null, config.checkBatchSize());
                run(batch);
                total += batch.size();
            } while (batch.size() == config.checkBatchSize());
        }
        return total;
    }

    private void run(List<VatVerifications.Claim> claims) {
        for (VatVerifications.Claim k : claims) {
            try {
                if (verifications.prepareQueued(k) instanceof VatVerifications.Call call) {
                    VatChecks.Outcome outcome = VatChecks.call(vies, call.prepared());
                    verifications.completeQueued(k, outcome.source(), outcome.answer());
                }
            } catch (RuntimeException e) {
                // the claim's lease runs out and the scan retries it
                LOG.warnf(e, "background VAT check of customer %s failed", k.customerId());
            }
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
