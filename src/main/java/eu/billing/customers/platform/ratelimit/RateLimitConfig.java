package eu.billing.customers.platform.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Per-organization request rate limit (a token bucket per organization). The buckets live in each
 * replica's memory: with N replicas behind a load balancer an organization gets up to N times the
 * configured rate. That is deliberate: the limit protects one replica's CPU and connection pool
 * from one tenant, and needs no coordination between replicas (issue 8).
 */
@ConfigMapping(prefix = "customers.rate-limit")
public interface RateLimitConfig {

    /** Whether API requests are rate limited per organization ({@code CUSTOMERS_RATE_LIMIT_ENABLED}). */
    @WithDefault("true")
    boolean enabled();

    /** Sustained requests per second one organization may make to one replica. */
    @WithDefault("200")
    double requestsPerSecond();

    /** Bucket size: how many requests an idle organization may send at once before the rate applies. */
    @WithDefault("400")
    int burst();
}
