package eu.billing.customers.reliability;

import static eu.billing.customers.reliability.Reliability.abbreviate;
import static eu.billing.customers.reliability.Reliability.log;
import static eu.billing.customers.reliability.Reliability.sleep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Database restart under load: two writer and two reader threads; PostgreSQL is stopped
 * ({@code pg_ctl stop -m fast}) for 5 s (full mode: 15 s) and started again; readiness is polled
 * every 200 ms. Fails on any 5xx other than 503, a 503 without problem document or
 * {@code Retry-After}, a request taking over 10 s, readiness not going DOWN then UP, no successful
 * request after the restart, the service process replaced, or an acknowledged create missing.
 * Skipped when the database is not the suite's own ({@code QUARKUS_DATASOURCE_JDBC_URL} given).
 */
class DatabaseRestartCheck extends ReliabilityCheck {

    @Override
    void requirements() throws Exception {
        if (!Database.get().restartable()) {
            Reliability.skip("db-restart", "the database is not the suite's own (QUARKUS_DATASOURCE_JDBC_URL given): "
                    + "not restarting it");
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void theServiceAnswers503WhileTheDatabaseIsAwayAndRecoversAlone() throws Exception {
        Database db = Database.get();
        Reliability.Organization organization = Reliability.newOrganization(app, "Restart");
        String key = organization.key();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(Reliability.createCustomer(app, key, "restart-seed-" + i + "-" + UUID.randomUUID()));
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger ok2xx = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger otherStatus = new AtomicInteger();
        AtomicInteger hangs = new AtomicInteger();
        AtomicInteger ioErrors = new AtomicInteger();
        AtomicInteger badRetryAfter = new AtomicInteger();
        AtomicLong slowest = new AtomicLong();
        AtomicLong lastSuccessAt = new AtomicLong();
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
        AtomicInteger seq = new AtomicInteger();
        Random random = new Random(Reliability.SEED);
        LoadClient client = new LoadClient(app);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<?>> load = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            final boolean writer = t % 2 == 0;
            load.add(pool.submit(() -> {
                for (int i = 0; i < 1_000_000 && !stop.get(); i++) {
                    long t0 = System.nanoTime();
                    requests.incrementAndGet();
                    try {
                        String ext = "restart-" + seq.incrementAndGet();
                        LoadClient.Answer r = writer
                                ? client.post("/v1/customers", key, Map.of("external_id", ext, "name", ext))
                                : client.get("/v1/customers/" + ids.get(random.nextInt(ids.size())), key);
                        int s = r.status();
                        if (s / 100 == 2) {
                            ok2xx.incrementAndGet();
                            lastSuccessAt.set(System.nanoTime());
                            if (writer) {
                                acknowledged.put(r.json("data.id"), ext);
                            }
                        } else if (s == 503) {
                            unavailable.incrementAndGet();
                            if (r.contentType() == null || !r.contentType().startsWith("application/problem+json")
                                    || !"SERVICE_UNAVAILABLE".equals(r.json("code"))) {
                                otherStatus.incrementAndGet();
                                Reliability.remember(examples, "503 without problem document: " + abbreviate(r.body(), 200));
                            }
                            if (r.retryAfter() == null) {
                                badRetryAfter.incrementAndGet();
                            }
                        } else if (s >= 500) {
                            serverErrors.incrementAndGet();
                            Reliability.remember(examples, s + " " + abbreviate(r.body(), 300));
                        } else {
                            otherStatus.incrementAndGet();
                            Reliability.remember(examples, s + " " + abbreviate(r.body(), 300));
                        }
                    } catch (IOException e) {
                        ioErrors.incrementAndGet();
                        Reliability.remember(examples, "I/O: " + e);
                    }
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    slowest.accumulateAndGet(millis, Math::max);
                    if (millis > 10_000) {
                        hangs.incrementAndGet();
                    }
                    sleep(5);
                }
                return null;
            }));
        }
        List<String> readiness = Collections.synchronizedList(new ArrayList<>());
        load.add(pool.submit(() -> {
            String last = "";
            for (int i = 0; i < 100_000 && !stop.get(); i++) {
                String state;
                try {
                    int s = client.get("/q/health/ready", null).status();
                    state = s == 200 ? "UP" : s == 503 ? "DOWN" : "HTTP" + s;
                } catch (IOException e) {
                    state = "NO-ANSWER";
                }
                if (!state.equals(last)) {
                    readiness.add(state);
                    last = state;
                }
                sleep(200);
            }
            return null;
        }));
        long pid = app.process().pid();
        sleep(2000);
        log("  stopping PostgreSQL");
        long downAt = System.nanoTime();
        int during2xx;
        try {
            db.stopServer();
            downAt = System.nanoTime();
            sleep(Reliability.byMode(5000, 15_000));
        } finally {
            during2xx = ok2xx.get();
            log("  starting PostgreSQL");
            db.startServer();
        }
        long upAt = System.nanoTime();
        // recovery: the first successful request after the database is back
        long recovered = -1;
        for (int i = 0; i < 600; i++) {
            int down = readiness.indexOf("DOWN");
            if (lastSuccessAt.get() > upAt && down >= 0 && readiness.lastIndexOf("UP") > down) {
                recovered = TimeUnit.NANOSECONDS.toMillis(lastSuccessAt.get() - upAt);
                break;
            }
            sleep(100);
        }
        sleep(2000);
        stop.set(true);
        for (Future<?> f : load) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        client.close();
        examples.forEach(e -> log("  example: " + e));
        log("  readiness: " + readiness + "; slowest request " + slowest.get() + " ms; outage "
                + TimeUnit.NANOSECONDS.toMillis(upAt - downAt) + " ms; 2xx before start " + during2xx);
        int lost = 0;
        for (String id : acknowledged.keySet()) {
            if (db.count("SELECT count(*) FROM customers c JOIN wallets w ON w.organization_id = c.organization_id "
                    + "AND w.customer_id = c.id AND w.is_primary WHERE c.organization_id = ? AND c.id = ?::uuid",
                    organization.id(), id) != 1) {
                lost++;
            }
        }
        int downIndex = readiness.indexOf("DOWN");
        boolean readinessOk = downIndex >= 0 && readiness.lastIndexOf("UP") > downIndex;
        boolean sameProcess = app.process().pid() == pid;
        boolean ok = serverErrors.get() == 0 && hangs.get() == 0 && unavailable.get() > 0 && readinessOk
                && recovered >= 0 && sameProcess && lost == 0 && otherStatus.get() == 0 && badRetryAfter.get() == 0;
        Reliability.report("db-restart", ok, String.format("requests=%d 2xx=%d 503=%d 5xx-other=%d other=%d io-errors=%d "
                + "hangs(>10s)=%d readiness=%s recovered-after=%dms same-process=%s acknowledged=%d lost-writes=%d",
                requests.get(), ok2xx.get(), unavailable.get(), serverErrors.get(), otherStatus.get(), ioErrors.get(),
                hangs.get(), String.join(">", readiness), recovered, sameProcess, acknowledged.size(), lost));
    }
}
