package eu.billing.customers.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Webhook delivery (docs/webhooks.md): the one place of these settings and their defaults. The
 * schedules are read by the {@code @Scheduled} methods through their property names ({@code off}
 * disables a timer).
 */
@ConfigMapping(prefix = "customers.webhooks")
public interface WebhookConfig {

    /**
     * Host names or addresses an endpoint may target although they are internal (loopback, private,
     * link-local, unique-local), plain {@code http} included: in-cluster consumers
     * ({@code CUSTOMERS_WEBHOOKS_ALLOWED_HOSTS}, comma-separated).
     */
    Optional<List<String>> allowedHosts();

    /** Loopback targets over plain http (dev and test profiles only). */
    @WithDefault("false")
    boolean allowLoopback();

    /** How often the delivery queue is scanned for due work ({@code CUSTOMERS_WEBHOOKS_DELIVER_EVERY}). */
    @WithDefault("2s")
    String deliverEvery();

    /** Deliveries claimed per batch and organization. */
    @WithDefault("100")
    int batchSize();

    /** A claimed delivery not recorded within this time (a replica that died) becomes due again. */
    @WithDefault("2M")
    Duration lease();

    /** How long a consumer has to answer with a 2xx. */
    @WithDefault("10S")
    Duration timeout();

    /** How long establishing a connection may take (within {@link #timeout()}). */
    @WithDefault("5S")
    Duration connectTimeout();

    /** HTTP requests in flight at once on one replica, over all endpoints. */
    @WithDefault("64")
    int maxConcurrency();

    /** HTTP requests in flight at once to one endpoint, on one replica. */
    @WithDefault("8")
    int maxConcurrencyPerEndpoint();

    /** How long a delivery is retried, and how long an endpoint may fail every attempt before it is disabled. */
    @WithDefault("P3D")
    Duration retryWindow();

    /** How long a rolled secret keeps signing beside the new one, unless the roll says otherwise. */
    @WithDefault("PT24H")
    Duration secretOverlap();

    /** How often the age of the oldest undelivered event per endpoint is measured for /q/metrics. */
    @WithDefault("15s")
    String lagEvery();

    /** How long the delivery log (webhook_attempts) keeps an attempt; older ones are deleted by {@code AttemptPruning}. */
    @WithDefault("30D")
    Duration attemptsRetention();

    /** How often old attempts are deleted ({@code off} disables it). */
    @WithDefault("1h")
    String pruneEvery();

    /** Attempts deleted per statement of one organization. */
    @WithDefault("1000")
    int pruneBatch();
}
