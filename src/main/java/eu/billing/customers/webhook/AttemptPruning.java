package eu.billing.customers.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.queue.OrganizationDrain;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the delivery log bounded: attempts older than {@code customers.webhooks.attempts-retention}
 * (30 days) are deleted on a timer, organization by organization (those with an endpoint: the log
 * of a deleted endpoint goes with it), in short batches that skip rows another replica is deleting,
 * so any number of replicas may run it at once.
 */
@ApplicationScoped
public class AttemptPruning {

    static final String JOB = "webhook-attempt-pruning";
    private static final Logger LOG = Logger.getLogger(AttemptPruning.class);

    private final EntityManager em;
    private final Clock clock;
    private final OrganizationDrain drain;
    private final WebhookConfig config;

    public AttemptPruning(EntityManager em, Clock clock, OrganizationDrain drain, WebhookConfig config) {
        this.em = em;
        this.clock = clock;
        this.drain = drain;
        this.config = config;
    }

    @Scheduled(identity = JOB, every = "${customers.webhooks.prune-every}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        OrganizationDrain.Report run = run();
        if (run.done() > 0) {
            LOG.infof("deleted %d webhook delivery attempts older than %s", run.done(), config.attemptsRetention());
        }
    }

    /** Deletes every attempt older than the retention; answers what it did. */
    public OrganizationDrain.Report run() {
        Instant cutoff = Clocks.now(clock).minus(config.attemptsRetention());
        return drain.run(JOB, organizations(), config.pruneBatch(), organizationId -> prune(organizationId, cutoff));
    }

    /** Organizations that have endpoints: a read-only scan of the small endpoints table. */
    @Transactional
    @SuppressWarnings("unchecked")
    List<UUID> organizations() {
        return em.createNativeQuery("/* fan-out: read-only, no locks */ SELECT DISTINCT organization_id "
                + "FROM webhook_endpoints", UUID.class).getResultList();
    }

    /** One batch of one organization's old attempts, in one statement. */
    @Transactional
    int prune(UUID organizationId, Instant cutoff) {
        return em.createNativeQuery("""
                DELETE FROM webhook_attempts WHERE organization_id = ?1 AND id IN (
                    SELECT id FROM webhook_attempts WHERE organization_id = ?1 AND attempted_at < ?2
                    LIMIT ?3 FOR UPDATE SKIP LOCKED)""")
                .setParameter(1, organizationId).setParameter(2, cutoff).setParameter(3, config.pruneBatch())
                .executeUpdate();
    }
}
