package eu.billing.customers.platform.idempotency;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import eu.billing.customers.platform.queue.OrganizationDrain;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes expired Idempotency-Keys (and their stored answers) on a timer. Safe on any number of
 * replicas: a read-only scan finds organizations with expired keys, then each batch is one short
 * statement of one organization that skips rows another replica is deleting (SKIP LOCKED).
 */
@ApplicationScoped
public class IdempotencyCleanup {

    static final String JOB = "idempotency-key-cleanup";
    private static final int ORGANIZATIONS_PER_RUN = 1000;
    private static final Logger LOG = Logger.getLogger(IdempotencyCleanup.class);

    private final IdempotencyStore store;
    private final OrganizationDrain drain;
    private final IdempotencyConfig config;

    public IdempotencyCleanup(IdempotencyStore store, OrganizationDrain drain, IdempotencyConfig config) {
        this.store = store;
        this.drain = drain;
        this.config = config;
    }

    @Scheduled(identity = JOB, every = "${customers.idempotency.cleanup-every:5m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        OrganizationDrain.Report run = run();
        if (run.done() > 0) {
            LOG.infof("deleted %d expired idempotency keys", run.done());
        }
    }

    /** Deletes every key expired by now, in batches of {@code customers.idempotency.cleanup-batch}. */
    public OrganizationDrain.Report run() {
        return drain.run(JOB, store.organizationsWithExpiredKeys(ORGANIZATIONS_PER_RUN), config.cleanupBatch(),
                organizationId -> store.deleteExpired(organizationId, config.cleanupBatch()));
    }
}
