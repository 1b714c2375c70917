package eu.billing.customers.tax.register;

import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.Guard;

/**
 * The SmallRye Fault Tolerance guard of a register: retries of {@code transientFailure} with
 * exponential backoff, bounded in number and in total time, inside a circuit breaker that opens on
 * the same failures. One guard per register (per member state for VIES).
 */
public final class RegisterGuards {

    private static final Logger LOG = Logger.getLogger(RegisterGuards.class);

    private RegisterGuards() {
    }

    /** A guard named {@code name} (in logs) with the retry and breaker settings of {@code config}. */
    public static Guard create(String name, RegisterConfig config, Class<? extends Throwable> transientFailure) {
        return Guard.create()
                .withDescription(name)
                .withRetry()
                    .maxRetries(config.retry().maxRetries())
                    .delay(config.retry().delay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .maxDuration(config.readTimeout().multipliedBy(config.retry().maxRetries() + 2L).toMillis(),
                            ChronoUnit.MILLIS)
                    .retryOn(List.of(transientFailure))
                    .withExponentialBackoff()
                        .factor(2)
                        .maxDelay(config.retry().maxDelay().toMillis(), ChronoUnit.MILLIS)
                        .done()
                    .done()
                .withCircuitBreaker()
                    .failOn(transientFailure)
                    .requestVolumeThreshold(config.circuitBreaker().requestVolumeThreshold())
                    .failureRatio(config.circuitBreaker().failureRatio())
                    .delay(config.circuitBreaker().delay().toMillis(), ChronoUnit.MILLIS)
                    .onStateChange(state -> LOG.warnf("%s circuit breaker is now %s", name, state))
                    .done()
                .build();
    }
}
