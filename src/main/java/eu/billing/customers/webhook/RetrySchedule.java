package eu.billing.customers.webhook;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: the schedule Standard Webhooks senders share (at once, then
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then every 10 h), each wait with up to 10 % jitter either
 * way so that the retries of an outage do not arrive together. The retry window (3 days) ends it.
 * Not platform/queue/Backoff: that one doubles, this one follows a published table.
 */
public final class RetrySchedule {

    static final List<Duration> WAITS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10));

    private RetrySchedule() {
    }

    /** The wait after attempt number {@code attempts} (1 = the first) failed, without jitter. */
    public static Duration nominal(int attempts) {
        return WAITS.get(Math.min(Math.max(attempts, 1), WAITS.size()) - 1);
    }

    /** The wait after attempt number {@code attempts} failed, with jitter of up to 10 % either way. */
    public static Duration after(int attempts) {
        Duration wait = nominal(attempts);
        double factor = 0.9 + 0.2 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.round(wait.toMillis() * factor));
    }
}
