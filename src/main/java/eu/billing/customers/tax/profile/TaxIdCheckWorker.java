package eu.billing.customers.tax.profile;

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

import eu.billing.customers.platform.queue.OrganizationDrain;
import eu.billing.customers.tax.TaxIdLeases;
import eu.billing.customers.tax.VatConfig;
import eu.billing.customers.tax.register.TaxIdVerification;
import eu.billing.customers.tax.register.TaxIdVerifiers;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs queued checks of the identifiers in tax_ids in the background, like the VAT check worker:
 * right after the transaction that queued one commits, and from a periodic scan (rechecks of
 * UNAVAILABLE with backoff, checks of a pod that died). Claims use FOR UPDATE SKIP LOCKED and a
 * lease; the register call also takes the identifier's lease ({@link TaxIdLeases}), so no two
 * replicas ask a register about one identifier at once.
 */
@ApplicationScoped
public class TaxIdCheckWorker {

    private static final Logger LOG = Logger.getLogger(TaxIdCheckWorker.class);

    private final TaxIdVerifications verifications;
    private final TaxIdCheckQueue queue;
    private final OrganizationDrain drain;
    private final TaxIdVerifiers registers;
    private final VatConfig config;
    private final ExecutorService executor;

    public TaxIdCheckWorker(TaxIdVerifications verifications, TaxIdCheckQueue queue, OrganizationDrain drain,
            TaxIdVerifiers registers, VatConfig config) {
        this.verifications = verifications;
        this.queue = queue;
        this.drain = drain;
        this.registers = registers;
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "tax-id-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) TaxIdCheckQueued queued) {
        try {
            executor.execute(() -> run(queue.claim(queued.organizationId(), queued.taxId(), 1)));
        } catch (RejectedExecutionException e) {
            LOG.debug("worker shutting down; the periodic scan will run the check");
        }
    }

    @Scheduled(identity = "tax-id-checks", every = "${customers.vat.check-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        runDue();
    }

    /** Runs every due check, organization by organization; answers how many were claimed. */
    public int runDue() {
        return drain.run("tax-id-checks", queue.organizationsWithDueChecks(), config.checkBatchSize(),
                organizationId -> run(queue.claim(organizationId, null, config.checkBatchSize()))).done();
    }

    private int run(List<TaxIdCheckQueue.Claim> claims) {
        for (TaxIdCheckQueue.Claim k : claims) {
            try {
                if (verifications.prepareQueued(k) instanceof TaxIdVerifications.Call call) {
                    TaxIdVerifications.Prepared p = call.prepared();
                    TaxIdVerification v;
                    try {
                        v = registers.verify(p.identifier(), p.requester());
                    } catch (RuntimeException e) {
                        verifications.release(p);
                        throw e;
                    }
                    verifications.completeQueued(k, p, v);
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "background check of tax id %s failed", k.taxId());
            }
        }
        return claims.size();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
