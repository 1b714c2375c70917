package eu.billing.customers.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a fake register saw of overlapping calls: the calls of each key (a number) under way, and the
 * most that were under way at once. Tests that must prove one call per identifier at a time read
 * {@link #max}.
 */
public final class InFlight {

    private final Map<String, AtomicInteger> now = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> max = new ConcurrentHashMap<>();

    /** One call under way until closed. */
    public interface Call extends AutoCloseable {
        @Override
        void close();
    }

    /** Marks a call of {@code key} as under way until the answer is sent (close the handle then). */
    public Call begin(String key) {
        AtomicInteger running = now.computeIfAbsent(key, k -> new AtomicInteger());
        int at = running.incrementAndGet();
        max.computeIfAbsent(key, k -> new AtomicInteger()).accumulateAndGet(at, Math::max);
        return running::decrementAndGet;
    }

    /** The most calls of {@code key} that were under way at once (0: never called). */
    public int max(String key) {
        AtomicInteger seen = max.get(key);
        return seen == null ? 0 : seen.get();
    }
}
