package eu.billing.customers.tax;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The EU VIES REST API: where it is, how long to wait for it, and how hard to retry. */
@ConfigMapping(prefix = "customers.vies")
public interface ViesConfig {

    /** Base URL of the VIES REST API ({@code CUSTOMERS_VIES_BASE_URL}). */
    @WithDefault("https://ec.europa.eu/taxation_customs/vies/rest-api")
    String baseUrl();

    /** Time allowed to open a connection. */
    @WithDefault("5S")
    Duration connectTimeout();

    /** Time allowed for an answer; a slower answer is UNAVAILABLE (TIMEOUT). */
    @WithDefault("10S")
    Duration readTimeout();

    /** Retries of transient failures within one check. */
    Retry retry();

    /** Per member state: stop calling a registry that keeps failing, for a while. */
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
