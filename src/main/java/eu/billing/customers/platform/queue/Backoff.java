package eu.billing.customers.platform.queue;

import java.time.Duration;

/** The wait before retry number {@code attempts} of a failed piece of work: doubling, capped. */
public record Backoff(Duration initial, Duration max) {

    public Duration after(int attempts) {
        Duration delay = initial;
        for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
