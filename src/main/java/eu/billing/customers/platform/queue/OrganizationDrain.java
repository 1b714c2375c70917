package eu.billing.customers.platform.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.ToIntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs a background job organization by organization, batch by batch: each batch is one
 * transaction of one organization (one shard under Citus), and an organization is drained until a
 * batch comes back short. One organization is one unit of work: when its batch fails, the failure
 * is logged and counted (in the run's {@link Report} and in the
 * {@code customers_job_organization_failures_total} metric), and the other organizations still run.
 * The failed organization's work stays where it is for the next run.
 */
@ApplicationScoped
public class OrganizationDrain {

    private static final Logger LOG = Logger.getLogger(OrganizationDrain.class);

    private final MeterRegistry metrics;

    public OrganizationDrain(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /**
     * What one run did: how many items its batches handled, over how many organizations, and the
     * organizations whose work failed.
     */
    public record Report(int done, int organizations, List<UUID> failedOrganizations) {
    }

    /**
     * Runs {@code batch} (which handles up to {@code batchSize} items of one organization in its
     * own transaction and answers how many it handled) over each organization.
     */
    public Report run(String job, List<UUID> organizations, int batchSize, ToIntFunction<UUID> batch) {
        int done = 0;
        List<UUID> failed = new ArrayList<>();
        for (UUID organizationId : organizations) {
            try {
                int handled;
                do {
                    handled = batch.applyAsInt(organizationId);
                    done += handled;
                } while (handled == batchSize);
            } catch (RuntimeException e) {
                failed.add(organizationId);
                metrics.counter("customers.job.organization.failures", "job", job).increment();
                LOG.errorf(e, "%s: the work of organization %s failed; the other organizations go on, and the next "
                        + "run retries it", job, organizationId);
            }
        }
        return new Report(done, organizations.size(), List.copyOf(failed));
    }
}
