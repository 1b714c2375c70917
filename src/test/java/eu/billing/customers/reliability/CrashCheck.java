package eu.billing.customers.reliability;

import static eu.billing.customers.reliability.Reliability.log;
import static eu.billing.customers.reliability.Reliability.sleep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Crash: four threads create customers (with external ids); the service gets SIGKILL, is started
 * again, and the load goes on (full mode: three kills). Fails when an acknowledged create (200 or
 * 201) lacks its customer, primary wallet or {@code customer.created} event (lost writes), when any
 * customer of the organization lacks exactly one primary wallet and its created event, or an
 * external id is held by two live customers (half-written), on any 5xx, or when the restarted
 * service acknowledges no create.
 */
class CrashCheck extends ReliabilityCheck {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void sigkillUnderCreateLoadLosesNoAcknowledgedWrite() throws Exception {
        Reliability.Organization organization = Reliability.newOrganization(app, "Crash");
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // id -> external id
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger failedRequests = new AtomicInteger();
        AtomicInteger seq = new AtomicInteger();
        String run = UUID.randomUUID().toString().substring(0, 8);
        LoadClient client = new LoadClient(app);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> load = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            load.add(pool.submit(() -> {
                for (int i = 0; i < 1_000_000 && !stop.get(); i++) {
                    String ext = "crash-" + run + "-" + seq.incrementAndGet();
                    requests.incrementAndGet();
                    try {
                        LoadClient.Answer r = client.post("/v1/customers", organization.key(),
                                Map.of("external_id", ext, "name", "Crash " + ext, "tags", List.of("crash")));
                        if (r.status() == 201 || r.status() == 200) {
                            acknowledged.put(r.json("data.id"), ext);
                        } else if (r.status() >= 500) {
                            serverErrors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failedRequests.incrementAndGet(); // outcome unknown: may or may not be written
                        sleep(100); // the restarting service needs the CPU more than a retry loop
                    }
                }
                return null;
            }));
        }
        // each kill comes at least 3 s (full: 6 s) and 500 acknowledged creates after the first or
        // the previous restart (bounded: a cold JVM on a busy machine is slow), then the load must
        // be acknowledged again by the new process
        int kills = Reliability.byMode(1, 3);
        int afterLastRestart = 0;
        for (int k = 0; k < kills; k++) {
            waitFor(acknowledged, acknowledged.size() + 1, 60_000);
            int before = acknowledged.size();
            sleep(Reliability.byMode(3000, 6000));
            waitFor(acknowledged, before + 500, 30_000);
            log("  SIGKILL after " + acknowledged.size() + " acknowledged creates");
            app.kill();
            sleep(500);
            app.restart();
            log("  restarted; ready in " + app.readyMillis() + " ms");
            afterLastRestart = acknowledged.size();
        }
        sleep(Reliability.byMode(2000, 4000));
        waitFor(acknowledged, afterLastRestart + 100, 30_000);
        int acknowledgedAfterRestart = acknowledged.size() - afterLastRestart;
        stop.set(true);
        for (Future<?> f : load) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        client.close();

        // every acknowledged create is there, complete; nothing in the organization is half-written
        Database db = Database.get();
        UUID org = organization.id();
        Set<String> complete = new HashSet<>(db.strings("""
                SELECT c.id::text FROM customers c
                WHERE c.organization_id = ?
                  AND EXISTS (SELECT 1 FROM wallets w WHERE w.organization_id = c.organization_id
                              AND w.customer_id = c.id AND w.is_primary)
                  AND EXISTS (SELECT 1 FROM events e WHERE e.organization_id = c.organization_id
                              AND e.customer_id = c.id AND e.type = 'customer.created')""", org));
        int lost = 0;
        for (Map.Entry<String, String> write : acknowledged.entrySet()) {
            if (!complete.contains(write.getKey())) {
                lost++;
                if (lost <= 5) {
                    log("  lost: " + write.getKey() + " " + write.getValue());
                }
            }
        }
        long halfWritten = db.count("""
                SELECT count(*) FROM customers c WHERE c.organization_id = ? AND (
                  (SELECT count(*) FROM wallets w WHERE w.organization_id = c.organization_id
                      AND w.customer_id = c.id AND w.is_primary) <> 1
                  OR NOT EXISTS (SELECT 1 FROM events e WHERE e.organization_id = c.organization_id
                      AND e.customer_id = c.id AND e.type = 'customer.created'))""", org)
                + db.count("""
                SELECT count(*) FROM (SELECT external_id FROM customers WHERE organization_id = ?
                  AND deleted_at IS NULL GROUP BY external_id HAVING count(*) > 1) d""", org);
        boolean ok = lost == 0 && halfWritten == 0 && serverErrors.get() == 0 && acknowledgedAfterRestart > 0;
        Reliability.report("crash", ok, String.format("kills=%d requests=%d acknowledged=%d (after the last restart %d) "
                + "failed-in-flight=%d 5xx=%d lost-writes=%d half-written=%d", kills, requests.get(), acknowledged.size(),
                acknowledgedAfterRestart, failedRequests.get(), serverErrors.get(), lost, halfWritten));
    }

    /** Waits until {@code count} creates are acknowledged, at most {@code millis}. */
    private static void waitFor(Map<String, String> acknowledged, int count, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (acknowledged.size() < count && System.nanoTime() < deadline) {
            sleep(50);
        }
    }
}
