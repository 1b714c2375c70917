package eu.billing.customers.tax.profile;

import static eu.billing.customers.support.Sql.count;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import eu.billing.customers.support.FakeHmrc;
import eu.billing.customers.support.FakeRegister;
import eu.billing.customers.support.FakeVies;
import eu.billing.customers.support.PackagedApp;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Issue 11, "two replicas never verify one identifier twice at once": two instances of the packaged
 * service against one database and slow loopback registers (VIES and HMRC answer after 600 ms and
 * record how many calls of each number were under way at once). Synchronous checks of the primary
 * (both routes) and of a gb_vat of tax_ids, sent from many threads to both replicas, and background
 * checks queued meanwhile, must never ask a register about one number twice at once; a request that
 * finds the number leased is 409 TAX_ID_VERIFICATION_IN_PROGRESS, never a 5xx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaxIdReplicasIT {

    private static final int THREADS = 18;
    private static final long RACE_MILLIS = 8_000;

    PackagedApp.Database db;
    FakeVies vies;
    FakeHmrc hmrc;
    String viesUrl;
    String hmrcUrl;
    PackagedApp a;
    PackagedApp b;

    @BeforeAll
    void start() throws Exception {
        db = PackagedApp.Database.shared();
        vies = new FakeVies();
        hmrc = new FakeHmrc();
        Map<String, String> viesConfig = vies.start();
        Map<String, String> hmrcConfig = hmrc.start();
        viesUrl = viesConfig.get("fake-vies.url");
        hmrcUrl = hmrcConfig.get("fake-hmrc.url");
        Map<String, String> env = Map.of(
                "CUSTOMERS_VIES_BASE_URL", viesConfig.get("customers.vies.base-url"),
                "CUSTOMERS_HMRC_BASE_URL", hmrcConfig.get("customers.hmrc.base-url"),
                "CUSTOMERS_HMRC_CLIENT_ID", "replicas-" + UUID.randomUUID(),
                "CUSTOMERS_HMRC_CLIENT_SECRET", "replicas-secret",
                // the scan of both queues runs every second, so queued checks keep coming during the race
                "CUSTOMERS_VAT_CHECK_EVERY", "1s",
                // this test is about leases, not throttling: the racing threads may exceed one organization's rate
                "CUSTOMERS_RATE_LIMIT_ENABLED", "false");
        List<PackagedApp> replicas = PackagedApp.startTwo(db, env, Duration.ofSeconds(180));
        a = replicas.get(0);
        b = replicas.get(1);
    }

    @AfterAll
    void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        hmrc.stop();
        vies.stop();
    }

    @Test
    void everyPathOnBothReplicasAsksTheRegisterAboutOneNumberOnceAtATime() throws Exception {
        String key = newOrganization();
        String vat = TaxIdNumbers.deVat(FakeVies.VALID_AFTER_600_MS);
        String gb = TaxIdNumbers.gbVat(FakeRegister.VALID_AFTER_600_MS);
        // the number and the gb_vat each queue their automatic background check at once
        String customerId = as(a, key).body(Map.of("name", "Leased", "vat_number", vat))
                .when().post("/v1/customers").then().statusCode(201).extract().path("data.id");
        String gbId = as(b, key).body(Map.of("type", "gb_vat", "value", gb))
                .when().post("/v1/customers/" + customerId + "/tax-ids").then().statusCode(201).extract().path("data.id");
        List<Map<String, Object>> ids = as(a, key).when().get("/v1/customers/" + customerId + "/tax-ids")
                .then().statusCode(200).extract().path("data");
        String primaryId = ids.stream().filter(t -> Boolean.TRUE.equals(t.get("primary"))).findFirst()
                .map(t -> (String) t.get("id")).orElseThrow();

        // three routes, two numbers: the primary through both of its routes, the gb_vat through its own
        List<Route> routes = List.of(
                new Route("vat-verification", "/v1/customers/" + customerId + "/vat-verification",
                        "data.vat_validation_status"),
                new Route("tax-id primary", "/v1/customers/" + customerId + "/tax-ids/" + primaryId + "/verification",
                        "data.verification.status"),
                new Route("tax-id gb_vat", "/v1/customers/" + customerId + "/tax-ids/" + gbId + "/verification",
                        "data.verification.status"));
        Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        CountDownLatch go = new CountDownLatch(1);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RACE_MILLIS);
        List<Future<?>> racers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            PackagedApp target = i % 2 == 0 ? a : b;
            int first = i;
            racers.add(pool.submit(() -> {
                go.await();
                for (int n = first; System.nanoTime() < end; n++) {
                    Route route = routes.get(n % routes.size());
                    Response r = as(target, key).when().post(route.path());
                    String outcome = route.name() + " " + r.statusCode();
                    if (r.statusCode() == 200 && "VALID".equals(r.path(route.status()))) {
                        answered.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    } else if (r.statusCode() == 409 && "TAX_ID_VERIFICATION_IN_PROGRESS".equals(r.path("code"))) {
                        answered.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    } else {
                        unexpected.add(outcome + " " + r.asString());
                    }
                    Thread.sleep(20);
                }
                return null;
            }));
        }
        // meanwhile, background checks of both numbers are made due again and again; each replica's
        // scan claims them (CUSTOMERS_VAT_CHECK_EVERY=1s)
        racers.add(pool.submit(() -> {
            go.await();
            while (System.nanoTime() < end) {
                queueChecks(customerId, vat, gbId, gb);
                Thread.sleep(300);
            }
            return null;
        }));
        go.countDown();
        for (Future<?> f : racers) {
            f.get(RACE_MILLIS + 60_000, TimeUnit.MILLISECONDS);
        }
        pool.shutdown();
        Thread.sleep(2_000); // the last background checks land

        int viesAtOnce = vies.maxConcurrent(vat);
        int hmrcAtOnce = hmrc.maxConcurrent(gb.substring(2));
        int calls = TaxIdNumbers.calls(viesUrl, vat) + TaxIdNumbers.calls(hmrcUrl, gb);
        int synchronous = answered.entrySet().stream().filter(e -> e.getKey().endsWith(" 200"))
                .mapToInt(e -> e.getValue().get()).sum();
        // every other call was a background check's (an answer a synchronous check superseded is not recorded)
        int background = calls - synchronous;
        System.out.printf("TaxIdReplicasIT: answers %s; register calls %d (%d by background checks), at most at "
                + "once: VIES %d, HMRC %d; checks recorded by source and trigger %s%n", new TreeMap<>(answered),
                calls, background, viesAtOnce, hmrcAtOnce, checksByTrigger(customerId));

        assertTrue(unexpected.isEmpty(), "answers other than 200 VALID or 409 TAX_ID_VERIFICATION_IN_PROGRESS: "
                + unexpected.subList(0, Math.min(5, unexpected.size())));
        assertEquals(1, viesAtOnce, "most VIES calls of " + vat + " at once");
        assertEquals(1, hmrcAtOnce, "most HMRC calls of " + gb + " at once");
        for (Route route : routes) {
            assertTrue(answered.getOrDefault(route.name() + " 200", new AtomicInteger()).get() >= 1,
                    route.name() + " never succeeded: " + answered);
        }
        assertTrue(answered.keySet().stream().anyMatch(k -> k.endsWith(" 409")), "no request found a lease: "
                + answered);
        assertTrue(background >= 1, "no background check asked a register");
        try (Connection c = db.connect()) {
            assertEquals(0, count(c, "SELECT count(*) FROM tax_id_leases WHERE customer_id = ?",
                    UUID.fromString(customerId)), "every lease ended with its answer");
        }
    }

    /** A synchronous route, and where its answer says the verdict. */
    record Route(String name, String path, String status) {
    }

    /** Makes a background check of each number due now (unless a replica holds its claim). */
    private void queueChecks(String customerId, String vat, String gbId, String gb) throws Exception {
        try (Connection c = db.connect();
                PreparedStatement primary = c.prepareStatement("""
                        INSERT INTO vat_checks (organization_id, customer_id, vat_number, trigger, attempts, due_at, created_at)
                        SELECT organization_id, id, ?, 'RECHECK', 0, now(), now() FROM customers WHERE id = ?
                        ON CONFLICT (organization_id, customer_id) DO UPDATE SET due_at = now()
                            WHERE vat_checks.claim_id IS NULL""");
                PreparedStatement other = c.prepareStatement("""
                        INSERT INTO tax_id_checks (organization_id, tax_id, customer_id, value, trigger, attempts, due_at, created_at)
                        SELECT organization_id, ?, id, ?, 'RECHECK', 0, now(), now() FROM customers WHERE id = ?
                        ON CONFLICT (organization_id, tax_id) DO UPDATE SET due_at = now()
                            WHERE tax_id_checks.claim_id IS NULL""")) {
            primary.setString(1, vat);
            primary.setObject(2, UUID.fromString(customerId));
            primary.executeUpdate();
            other.setObject(1, UUID.fromString(gbId));
            other.setString(2, gb);
            other.setObject(3, UUID.fromString(customerId));
            other.executeUpdate();
        }
    }

    /** The customer's recorded checks, by "source trigger" (VIES SYNC, HMRC RECHECK, ...). */
    private Map<String, Integer> checksByTrigger(String customerId) throws Exception {
        Map<String, Integer> checks = new TreeMap<>();
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("SELECT source || ' ' || trigger, count(*) FROM vat_verifications "
                        + "WHERE customer_id = ? AND state = 'COMPLETED' GROUP BY 1")) {
            ps.setObject(1, UUID.fromString(customerId));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    checks.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return checks;
    }


    private String newOrganization() {
        return given().baseUri(a.baseUri()).header("Authorization", "Bearer " + PackagedApp.ADMIN_TOKEN)
                .contentType(ContentType.JSON).body(Map.of("name", "Leased registers", "default_currency", "EUR"))
                .when().post("/v1/admin/organizations").then().statusCode(201).extract().path("data.api_key.secret");
    }

    private static io.restassured.specification.RequestSpecification as(PackagedApp replica, String key) {
        return replica.given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }
}
