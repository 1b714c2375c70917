package eu.billing.customers.tax;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * The TTL demotion job: expired manual overrides become PENDING (and get a recheck when the
 * customer is eligible). Runs on a timer, once shortly after start-up, and on demand through
 * POST /v1/admin/jobs/vat-override-demotion (for scale-to-zero deployments driven by a CronJob).
 * Each batch is its own short transaction; see {@link VatVerifications#demoteBatch}.
 */
@ApplicationScoped
public class OverrideDemotion {

    private static final Logger LOG = Logger.getLogger(OverrideDemotion.class);

    private final VatVerifications verifications;
    private final VatConfig config;

    public OverrideDemotion(VatVerifications verifications, VatConfig config) {
        this.verifications = verifications;
        this.config = config;
    }

    @Scheduled(identity = "vat-override-demotion", every = "${customers.vat.demotion-every:1m}",
            delayed = "${customers.vat.demotion-startup-delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int demoted = run();
        if (demoted > 0) {
            LOG.infof("demoted %d expired manual VAT overrides", demoted);
        }
    }

    /**
     * Demotes every override expired by now, organization by organization and batch by batch (each
     * batch a single-organization statement, so it stays on one shard under Citus); answers how
     * many this run demoted.
     */
    public int run() {
        int total = 0;
        for (java.util.UUID organizationId : verifications.organizationsWithExpiredOverrides()) {
            int batch;
            do {
                batch = verifications.demoteBatch(organizationId, config.demotionBatchSize());
                total += batch;
            } while (batch == config.demotionBatchSize());
        }
        return total;
    }
}
