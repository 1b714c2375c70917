package eu.billing.customers.reliability;

import static eu.billing.customers.reliability.Reliability.log;
import static eu.billing.customers.reliability.Reliability.sleep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rate limit: the service with the limit on (50 requests/s, burst 50). A quiet organization sends
 * 20 requests/s alone, then again while a busy organization floods from four threads. Fails when
 * the busy organization is not throttled, a 429 lacks {@code Retry-After}, {@code RATE_LIMITED}
 * or problem+json, the busy organization gets more than burst + rate × time, the quiet one gets
 * any 429 or error, or its median latency during the flood exceeds 3 × its median alone + 20 ms.
 */
class RateLimitCheck extends ReliabilityCheck {

    static final int RATE = 50;
    static final int BURST = 50;

    @Override
    Map<String, String> environment() {
        return Map.of("CUSTOMERS_RATE_LIMIT_ENABLED", "true",
                "CUSTOMERS_RATE_LIMIT_REQUESTS_PER_SECOND", String.valueOf(RATE),
                "CUSTOMERS_RATE_LIMIT_BURST", String.valueOf(BURST));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aBusyOrganizationIsThrottledWithoutSlowingAQuietOne() throws Exception {
        try (LoadClient client = new LoadClient(app)) {
            run(client);
        }
    }

    private void run(LoadClient client) throws Exception {
        String busy = Reliability.newOrganization(app, "Busy").key();
        String quiet = Reliability.newOrganization(app, "Quiet").key();
        String quietId = Reliability.createCustomer(app, quiet, "quiet-" + UUID.randomUUID());
        String busyId = Reliability.createCustomer(app, busy, "busy-" + UUID.randomUUID());
        int seconds = Reliability.byMode(6, 20);
        // warm up, then the quiet organization alone
        quietRun(client, quiet, quietId, 2);
        Stats alone = quietRun(client, quiet, quietId, seconds / 2);
        // the latency bound says the flood does not slow the quiet organization; it means nothing when
        // other processes already saturate the machine before the flood starts (load over 2 per core)
        double loadBefore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        boolean machineBusy = loadBefore > 2.0 * Runtime.getRuntime().availableProcessors();
        // the busy organization floods while the quiet one keeps its pace
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger busy2xx = new AtomicInteger();
        AtomicInteger busy429 = new AtomicInteger();
        AtomicInteger busyBad429 = new AtomicInteger();
        AtomicInteger busy5xx = new AtomicInteger();
        AtomicInteger busyRequests = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> flood = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < 4; t++) {
            flood.add(pool.submit(() -> {
                for (int i = 0; i < 1_000_000 && !stop.get(); i++) {
                    busyRequests.incrementAndGet();
                    try {
                        LoadClient.Answer r = client.get("/v1/customers/" + busyId, busy);
                        if (r.status() == 200) {
                            busy2xx.incrementAndGet();
                        } else if (r.status() == 429) {
                            busy429.incrementAndGet();
                            if (r.retryAfter() == null || !r.retryAfter().matches("[1-9][0-9]*")
                                    || r.contentType() == null || !r.contentType().startsWith("application/problem+json")
                                    || !"RATE_LIMITED".equals(r.json("code"))) {
                                busyBad429.incrementAndGet();
                            }
                        } else if (r.status() >= 500) {
                            busy5xx.incrementAndGet();
                        }
                    } catch (IOException e) {
                        busy5xx.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Stats loaded = quietRun(client, quiet, quietId, seconds);
        stop.set(true);
        for (Future<?> f : flood) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        double allowed = BURST + RATE * elapsed;
        log(String.format("  quiet alone: %s; quiet during flood: %s; busy: %d requests, %d 200, %d 429 in %.1fs "
                + "(allowed at most %.0f)", alone, loaded, busyRequests.get(), busy2xx.get(), busy429.get(), elapsed,
                allowed));
        boolean quietOk = loaded.limited == 0 && loaded.errors == 0 && alone.errors == 0
                && (machineBusy || loaded.p50 <= 3 * alone.p50 + 20);
        boolean busyOk = busy429.get() > 0 && busyBad429.get() == 0 && busy5xx.get() == 0
                && busy2xx.get() <= allowed * 1.1 + 10;
        Reliability.report("rate-limit", quietOk && busyOk, String.format(
                "busy: requests=%d 2xx=%d 429=%d bad-429=%d 5xx=%d; quiet: requests=%d 429=%d 5xx=%d "
                        + "p50 %.1f->%.1f ms p99 %.1f->%.1f ms%s", busyRequests.get(), busy2xx.get(), busy429.get(),
                busyBad429.get(), busy5xx.get(), loaded.requests, loaded.limited, loaded.errors, alone.p50,
                loaded.p50, alone.p99, loaded.p99,
                machineBusy ? String.format(" (latency not judged: load %.1f before the flood)", loadBefore) : ""));
    }

    record Stats(int requests, int limited, int errors, double p50, double p99) {
        @Override
        public String toString() {
            return String.format("%d requests, %d 429, %d errors, p50 %.1f ms, p99 %.1f ms", requests, limited, errors,
                    p50, p99);
        }
    }

    /** The quiet organization: 20 requests a second (well under its limit), latency recorded. */
    private static Stats quietRun(LoadClient client, String key, String id, int seconds) {
        List<Double> latencies = new ArrayList<>();
        int limited = 0;
        int errors = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 5);
        for (int i = 0; i < seconds * 20 && System.nanoTime() < end; i++) {
            long t0 = System.nanoTime();
            try {
                LoadClient.Answer r = client.get(i % 2 == 0 ? "/v1/customers/" + id : "/v1/customers?limit=5", key);
                if (r.status() == 429) {
                    limited++;
                } else if (r.status() != 200) {
                    errors++;
                }
            } catch (IOException e) {
                errors++;
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            latencies.add(ms);
            long pause = 50 - (long) ms;
            if (pause > 0) {
                sleep(pause);
            }
        }
        Collections.sort(latencies);
        double p50 = latencies.isEmpty() ? 0 : latencies.get(latencies.size() / 2);
        double p99 = latencies.isEmpty() ? 0 : latencies.get(Math.min(latencies.size() - 1, (int) (latencies.size() * 0.99)));
        return new Stats(latencies.size(), limited, errors, p50, p99);
    }
}
