package eu.billing.customers.tax;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Background work of VAT validation: queued checks, rechecks of UNAVAILABLE, override demotion.
 * The one place of these settings and their defaults; the schedules are read by the
 * {@code @Scheduled} methods through their property names ({@code off} disables a timer).
 */
@ConfigMapping(prefix = "customers.vat")
public interface VatConfig {

    /** How often the queue of background checks is scanned for due work ({@code CUSTOMERS_VAT_CHECK_EVERY}). */
    @WithDefault("15s")
    String checkEvery();

    /** Checks claimed per scan and organization. */
    @WithDefault("50")
    int checkBatchSize();

    /** A claimed check not finished within this time (a crashed pod) becomes due again. */
    @WithDefault("5M")
    Duration checkLease();

    /** First recheck of an UNAVAILABLE verdict; each further one waits twice as long. */
    @WithDefault("1M")
    Duration recheckInitialDelay();

    /** Longest wait between two rechecks of an UNAVAILABLE verdict. */
    @WithDefault("6H")
    Duration recheckMaxDelay();

    /**
     * How often expired manual overrides are demoted (also once shortly after start-up);
     * {@code CUSTOMERS_VAT_DEMOTION_EVERY}.
     */
    @WithDefault("1m")
    String demotionEvery();

    /** Delay of the first demotion run after start-up. */
    @WithDefault("10s")
    String demotionStartupDelay();

    /** Overrides demoted per transaction. */
    @WithDefault("100")
    int demotionBatchSize();
}
