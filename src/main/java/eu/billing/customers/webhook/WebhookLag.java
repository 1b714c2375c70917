package eu.billing.customers.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;

import eu.billing.customers.platform.Clocks;

/**
 * {@code customers_webhooks_oldest_undelivered_age_seconds{organization, endpoint}} at /q/metrics:
 * how long the oldest delivery still queued for each endpoint has waited (0 series for an endpoint
 * with nothing queued). The number an operator alerts on. Measured by every replica from one
 * read-only scan of the queue, every {@code customers.webhooks.lag-every}.
 */
@ApplicationScoped
public class WebhookLag {

    private final EntityManager em;
    private final Clock clock;
    private final MultiGauge gauge;

    public WebhookLag(EntityManager em, Clock clock, MeterRegistry metrics) {
        this.em = em;
        this.clock = clock;
        this.gauge = MultiGauge.builder("customers.webhooks.oldest.undelivered.age")
                .description("Age in seconds of the oldest delivery still queued, per webhook endpoint")
                .baseUnit("seconds").register(metrics);
    }

    @Scheduled(identity = "webhook-lag", every = "${customers.webhooks.lag-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measure() {
        Instant now = Clocks.now(clock);
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Object[] r : oldest()) {
            Instant oldest = r[2] instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) r[2];
            double age = Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
            rows.add(MultiGauge.Row.of(Tags.of("organization", ((UUID) r[0]).toString(), "endpoint",
                    ((UUID) r[1]).toString()), age));
        }
        gauge.register(rows, true);
    }

    /** (organization, endpoint, oldest queued delivery): a read-only scan over all organizations, without locks. */
    @Transactional
    @SuppressWarnings("unchecked")
    List<Object[]> oldest() {
        return em.createNativeQuery("/* fan-out: read-only, no locks */ SELECT organization_id, endpoint_id, "
                + "min(created_at) FROM webhook_deliveries GROUP BY organization_id, endpoint_id").getResultList();
    }
}
