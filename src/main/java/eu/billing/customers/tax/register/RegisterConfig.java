package eu.billing.customers.tax.register;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * What every register's configuration has: how long to wait for it, how hard to retry it within
 * one check, and when to leave it alone for a while. Each register's {@code @ConfigMapping} extends
 * this ({@code customers.hmrc.*}, {@code customers.swiss-uid.*}, {@code customers.brreg.*}).
 */
public interface RegisterConfig {

    /** Time allowed to open a connection. */
    @WithDefault("5S")
    Duration connectTimeout();

    /** Time allowed for an answer; a slower answer is UNAVAILABLE (READ_TIMEOUT). */
    @WithDefault("10S")
    Duration readTimeout();

    /** Retries of transient failures within one check. */
    Retry retry();

    /** One breaker for the register: stop calling a register that keeps failing, for a while. */
    CircuitBreaker circuitBreaker();

    interface Retry {
        /** Retries after the first attempt (0 disables retrying). */
        @WithDefault("2")
        int maxRetries();

        /** Delay before the first retry; doubles on each further retry. */
        @WithDefault("200MS")
        Duration delay();

        /** Upper bound of the backoff delay. */
        @WithDefault("2S")
        Duration maxDelay();
    }

    interface CircuitBreaker {
        /** Calls in the rolling window before the breaker may open. */
        @WithDefault("20")
        int requestVolumeThreshold();

        /** Share of failed calls in the window that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open breaker refuses calls before it lets a trial call through. */
        @WithDefault("30S")
        Duration delay();
    }
}
