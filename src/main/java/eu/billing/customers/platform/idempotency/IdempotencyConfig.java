package eu.billing.customers.platform.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Idempotency-Key settings ({@code customers.idempotency.*}). */
@ConfigMapping(prefix = "customers.idempotency")
public interface IdempotencyConfig {

    /** How long a key and its stored answer are kept: a repeat after that runs again. */
    @WithDefault("PT24H")
    Duration ttl();

    /**
     * How long a request of a remote-call route (OWN_TRANSACTIONS) holds its key before another
     * request may take it over (the first one's replica died): longer than such a request can run.
     */
    @WithDefault("PT2M")
    Duration claimTimeout();

    /** How often a replica deletes expired keys ({@code off} disables the timer). */
    @WithDefault("5m")
    String cleanupEvery();

    /** Keys deleted per statement by the cleanup. */
    @WithDefault("500")
    int cleanupBatch();
}
