package eu.billing.customers.tax;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import eu.billing.customers.platform.queue.OrganizationDrain;
import io.quarkus.scheduler.Scheduled;

/**
 * The TTL demotion job: expired manual overrides become PENDING (and get a recheck when the
 * customer is eligible). Runs on a timer, once shortly after start-up, and on demand through
 * POST /v1/admin/jobs/vat-override-demotion (for scale-to-zero deployments driven by a CronJob).
 * Each batch is its own short transaction of one organization; see
 * {@link ManualOverrides#demoteBatch}. One organization is one unit of work: when its batch fails
 * the others are still demoted, and the run reports both ({@link OrganizationDrain}).
 */
@ApplicationScoped
public class OverrideDemotion {

    static final String JOB = "vat-override-demotion";

    private static final Logger LOG = Logger.getLogger(OverrideDemotion.class);

    private final ManualOverrides overrides;
    private final OrganizationDrain drain;
    private final VatConfig config;

    public OverrideDemotion(ManualOverrides overrides, OrganizationDrain drain, VatConfig config) {
        this.overrides = overrides;
        this.drain = drain;
        this.config = config;
    }

    @Scheduled(identity = JOB, every = "${customers.vat.demotion-every}",
            delayed = "${customers.vat.demotion-startup-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        OrganizationDrain.Report run = run();
        if (run.done() > 0) {
            LOG.infof("demoted %d expired manual VAT overrides", run.done());
        }
    }

    /**
     * Demotes every override expired by now, organization by organization and batch by batch (each
     * batch a single-organization statement, so it stays on one shard under Citus).
     */
    public OrganizationDrain.Report run() {
        return drain.run(JOB, overrides.organizationsWithExpiredOverrides(), config.demotionBatchSize(),
                organizationId -> overrides.demoteBatch(organizationId, config.demotionBatchSize()));
    }
}
