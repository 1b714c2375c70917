package eu.billing.customers.platform.ratelimit;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * One token bucket per organization, in this replica's memory. A bucket holds at most
 * {@code burst} tokens, refills at {@code requestsPerSecond}, and every request takes one token.
 * Time is {@link System#nanoTime()}: monotonic, unaffected by wall-clock changes.
 */
@ApplicationScoped
public class TokenBuckets {

    private final ConcurrentMap<UUID, Bucket> buckets = new ConcurrentHashMap<>();
    private final RateLimitConfig config;

    public TokenBuckets(RateLimitConfig config) {
        this.config = config;
    }

    /**
     * Takes a token from the organization's bucket.
     *
     * @return 0 when the request may proceed, else the whole seconds (at least 1) until a token is back
     */
    public long take(UUID organizationId) {
        double rate = config.requestsPerSecond();
        double burst = Math.max(1, config.burst());
        long now = System.nanoTime();
        Bucket bucket = buckets.computeIfAbsent(organizationId, id -> new Bucket(burst, now));
        long waitNanos = bucket.take(rate, burst, now);
        return waitNanos == 0 ? 0 : Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        /** Nanoseconds until a token is available, or 0 after taking one. */
        synchronized long take(double rate, double burst, long now) {
            if (now > updatedAt) {
                tokens = Math.min(burst, tokens + (now - updatedAt) * rate / 1e9);
                updatedAt = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return rate <= 0 ? TimeUnit.SECONDS.toNanos(60) : (long) Math.ceil((1 - tokens) * 1e9 / rate);
        }
    }
}
