package eu.billing.customers.scaling;

import static eu.billing.customers.support.Sql.count;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import eu.billing.customers.support.PackagedApp;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Two instances of the packaged service on two ports against one database: whatever must hold
 * across replicas is enforced by the database, not by either process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoReplicasIT {

    PackagedApp.Database db;
    PackagedApp a;
    PackagedApp b;

    @BeforeAll
    void start() throws Exception {
        db = PackagedApp.Database.shared();
        // no real VIES from a test: background checks fail fast as UNAVAILABLE
        List<PackagedApp> replicas = PackagedApp.startTwo(db, Map.of("CUSTOMERS_VIES_BASE_URL", "http://127.0.0.1:9/vies"),
                Duration.ofSeconds(120));
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
    }

    @Test
    void racingUpsertsOfOneExternalIdOverBothReplicasGiveOneCustomerAndOneWallet() throws Exception {
        String key = newOrganization();
        String ext = "replica-" + UUID.randomUUID();
        List<Response> answers = race(32, target -> given().baseUri(target.baseUri())
                .header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(Map.of("external_id", ext, "name", "Racer")).when().post("/v1/customers"));
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (Response r : answers) {
            assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.asString());
            created += r.statusCode() == 201 ? 1 : 0;
            ids.add(r.path("data.id"));
        }
        assertEquals(1, created);
        assertEquals(1, ids.size());
        try (Connection c = db.connect()) {
            assertEquals(1, count(c, "SELECT count(*) FROM customers WHERE external_id = ?", ext));
            assertEquals(1, count(c, "SELECT count(*) FROM wallets w JOIN customers cu ON cu.organization_id = "
                    + "w.organization_id AND cu.id = w.customer_id WHERE cu.external_id = ?", ext));
        }
        // the other replica serves the same customer
        given().baseUri(b.baseUri()).header("Authorization", "Bearer " + key)
                .when().get("/v1/customers/" + ids.iterator().next()).then().statusCode(200);
    }

    @Test
    void racingMergesOverBothReplicasKeepEveryBalanceTotal() throws Exception {
        String key = newOrganization();
        int customers = 12;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            ids.add(given().baseUri((i % 2 == 0 ? a : b).baseUri()).header("Authorization", "Bearer " + key)
                    .contentType(ContentType.JSON).body(Map.of("name", "M" + i, "preferred_currency", "EUR"))
                    .when().post("/v1/customers").then().statusCode(201).extract().path("data.id"));
        }
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE wallets SET cash_balance = ?, held_balance = 1.5, promotional_balance = 0.25 "
                                + "WHERE customer_id = ?")) {
            for (int i = 0; i < customers; i++) {
                ps.setBigDecimal(1, new java.math.BigDecimal(i + ".01"));
                ps.setObject(2, UUID.fromString(ids.get(i)));
                ps.executeUpdate();
            }
        }
        String totalsBefore = totals(ids.get(0));

        // pairs merged both ways at once, and everything else merged into customer 0, spread over both replicas
        List<String[]> merges = new ArrayList<>();
        merges.add(new String[] { ids.get(1), ids.get(2) });
        merges.add(new String[] { ids.get(2), ids.get(1) });
        merges.add(new String[] { ids.get(3), ids.get(4) });
        merges.add(new String[] { ids.get(4), ids.get(3) });
        for (int i = 5; i < customers; i++) {
            merges.add(new String[] { ids.get(i), ids.get(0) });
        }
        ExecutorService pool = Executors.newFixedThreadPool(merges.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < merges.size(); i++) {
            String[] m = merges.get(i);
            PackagedApp target = i % 2 == 0 ? a : b;
            answers.add(pool.submit(() -> {
                go.await();
                return given().baseUri(target.baseUri()).header("Authorization", "Bearer " + key)
                        .contentType(ContentType.JSON)
                        .body(Map.of("source_customer_id", m[0], "target_customer_id", m[1]))
                        .when().post("/v1/customers/merge");
            }));
        }
        go.countDown();
        int ok = 0;
        for (Future<Response> f : answers) {
            Response r = f.get(60, TimeUnit.SECONDS);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 409, r.asString());
            ok += r.statusCode() == 200 ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(merges.size() - 2, ok, "one of each opposing pair wins, every merge into 0 succeeds");
        assertEquals(totalsBefore, totals(ids.get(0)), "no cent lost or created");
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT count(*) FROM wallets w JOIN customers cu
                          ON cu.organization_id = w.organization_id AND cu.id = w.customer_id
                        WHERE cu.status = 'MERGED' AND w.organization_id = (SELECT organization_id FROM customers WHERE id = ?)""")) {
            ps.setObject(1, UUID.fromString(ids.get(0)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1), "no wallet is left on a merged customer");
            }
        }
    }

    @Test
    void demotionRunningOnBothReplicasDemotesEachExpiredOverrideExactlyOnce() throws Exception {
        String key = newOrganization();
        int overrides = 20;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < overrides; i++) {
            PackagedApp target = i % 2 == 0 ? a : b;
            String id = given().baseUri(target.baseUri()).header("Authorization", "Bearer " + key)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "V" + i, "vat_number", "DE" + (100000000 + i), "auto_validate_vat", false))
                    .when().post("/v1/customers").then().statusCode(201).extract().path("data.id");
            given().baseUri(target.baseUri()).header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                    .body(Map.of("reason", "certificate on file", "ttl", "P30D"))
                    .when().put("/v1/customers/" + id + "/vat-verification/manual-override").then().statusCode(200);
            ids.add(id);
        }
        // let every override expire
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("UPDATE vat_verifications SET expires_at = now() - interval '1 minute' "
                        + "WHERE customer_id = ANY (?) AND state = 'ACTIVE'")) {
            ps.setArray(1, c.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
            assertEquals(overrides, ps.executeUpdate());
        }
        int runs = 8;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            PackagedApp target = i % 2 == 0 ? a : b;
            answers.add(pool.submit(() -> {
                go.await();
                return given().baseUri(target.baseUri()).header("Authorization", "Bearer " + PackagedApp.ADMIN_TOKEN)
                        .when().post("/v1/admin/jobs/vat-override-demotion").then().statusCode(200)
                        .extract().<Integer> path("data.demoted");
            }));
        }
        go.countDown();
        int demoted = 0;
        for (Future<Integer> f : answers) {
            demoted += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        // the replicas' own timers may have demoted some too; either way each exactly once
        assertTrue(demoted <= overrides, "demoted " + demoted);
        try (Connection c = db.connect()) {
            for (String id : ids) {
                assertEquals(1, count(c, "SELECT count(*) FROM events WHERE customer_id = ? "
                        + "AND type = 'customer.vat_override_expired'", UUID.fromString(id)), "customer " + id);
                assertEquals(0, count(c, "SELECT count(*) FROM vat_verifications WHERE customer_id = ? "
                        + "AND state = 'ACTIVE'", UUID.fromString(id)));
            }
        }
        given().baseUri(b.baseUri()).header("Authorization", "Bearer " + key).when().get("/v1/customers/" + ids.get(0))
                .then().statusCode(200).body("data.vat_validation_status", org.hamcrest.Matchers.equalTo("PENDING"));
    }

    /** Secrets minted by these tests: none may appear in either replica's log. */
    private final List<String> minted = java.util.Collections.synchronizedList(new ArrayList<>());

    @Test
    void aKeyRevokedOnOneReplicaIsRefusedOnTheOtherWithinFiveSeconds() throws Exception {
        String admin = newOrganization();
        minted.add(admin);
        for (int round = 0; round < 3; round++) {
            Response made = given().baseUri(a.baseUri()).header("Authorization", "Bearer " + admin)
                    .contentType(ContentType.JSON).body(Map.of("name", "replicated " + round, "role", "read_only"))
                    .when().post("/v1/api-keys").then().statusCode(201).extract().response();
            String secret = made.path("data.secret");
            minted.add(secret);
            // B resolves (and caches) the key
            given().baseUri(b.baseUri()).header("Authorization", "Bearer " + secret).when().get("/v1/customers")
                    .then().statusCode(200);
            given().baseUri(a.baseUri()).header("Authorization", "Bearer " + admin).when()
                    .delete("/v1/api-keys/" + made.path("data.id")).then().statusCode(200);
            long revoked = System.nanoTime();
            // A refuses it at once; B within the cache's bound
            given().baseUri(a.baseUri()).header("Authorization", "Bearer " + secret).when().get("/v1/customers")
                    .then().statusCode(401);
            long refusedAfter;
            while (true) {
                int status = given().baseUri(b.baseUri()).header("Authorization", "Bearer " + secret).when()
                        .get("/v1/customers").statusCode();
                refusedAfter = (System.nanoTime() - revoked) / 1_000_000;
                if (status == 401) {
                    break;
                }
                assertEquals(200, status);
                assertTrue(refusedAfter < 5000, "still accepted on B after " + refusedAfter + " ms");
                Thread.sleep(100);
            }
            assertTrue(refusedAfter < 5000, "refused on B after " + refusedAfter + " ms");
        }
        // a rolled key: B accepts the new secret at once and the old one until the overlap ends
        Response key = given().baseUri(a.baseUri()).header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON).body(Map.of("name", "rolled", "role", "write"))
                .when().post("/v1/api-keys").then().statusCode(201).extract().response();
        String old = key.path("data.secret");
        minted.add(old);
        given().baseUri(b.baseUri()).header("Authorization", "Bearer " + old).when().get("/v1/customers").then().statusCode(200);
        String fresh = given().baseUri(a.baseUri()).header("Authorization", "Bearer " + admin)
                .contentType(ContentType.JSON).body(Map.of("expires_in", "PT3S"))
                .when().post("/v1/api-keys/" + key.path("data.id") + "/roll").then().statusCode(200)
                .extract().path("data.secret");
        minted.add(fresh);
        given().baseUri(b.baseUri()).header("Authorization", "Bearer " + fresh).when().get("/v1/customers").then().statusCode(200);
        given().baseUri(b.baseUri()).header("Authorization", "Bearer " + old).when().get("/v1/customers").then().statusCode(200);
        long until = System.nanoTime() + 3_000_000_000L + 5_000_000_000L;
        while (given().baseUri(b.baseUri()).header("Authorization", "Bearer " + old).when().get("/v1/customers")
                .statusCode() == 200) {
            assertTrue(System.nanoTime() < until, "the old secret outlived its overlap on B");
            Thread.sleep(200);
        }
        given().baseUri(b.baseUri()).header("Authorization", "Bearer " + fresh).when().get("/v1/customers").then().statusCode(200);
        // no secret of this class in either replica's log
        for (PackagedApp replica : List.of(a, b)) {
            String log = java.nio.file.Files.readString(replica.log());
            assertTrue(!log.isEmpty(), "the log is read: " + replica.log());
            for (String secret : minted) {
                assertTrue(!log.contains(secret.substring(36)), "a secret in " + replica.log());
            }
        }
    }

    @Test
    void thirtyTwoRequestsWithOneIdempotencyKeyOverBothReplicasCreateOneCustomer() throws Exception {
        String key = newOrganization();
        String idempotencyKey = "replicas-" + UUID.randomUUID();
        List<Response> answers = race(32, target -> given().baseUri(target.baseUri())
                .header("Authorization", "Bearer " + key).header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(Map.of("name", "Once over two replicas")).when().post("/v1/customers"));
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (Response r : answers) {
            if (r.statusCode() == 201) {
                created++;
                ids.add(r.path("data.id"));
            } else {
                assertEquals(409, r.statusCode(), r.asString());
                assertEquals("IDEMPOTENCY_KEY_IN_PROGRESS", r.path("code"));
            }
        }
        assertTrue(created >= 1);
        assertEquals(1, ids.size(), "every 201 names the same customer");
        try (Connection c = db.connect()) {
            assertEquals(1, count(c, "SELECT count(*) FROM customers WHERE name = ? AND organization_id = "
                    + "(SELECT organization_id FROM customers WHERE id = '" + ids.iterator().next() + "')",
                    "Once over two replicas"));
        }
        // and both replicas replay it
        for (PackagedApp replica : List.of(a, b)) {
            given().baseUri(replica.baseUri()).header("Authorization", "Bearer " + key)
                    .header("Idempotency-Key", idempotencyKey).contentType(ContentType.JSON)
                    .body(Map.of("name", "Once over two replicas")).when().post("/v1/customers")
                    .then().statusCode(201).header("Idempotent-Replayed", org.hamcrest.Matchers.equalTo("true"))
                    .body("data.id", org.hamcrest.Matchers.equalTo(ids.iterator().next()));
        }
    }

    private String newOrganization() {
        return given().baseUri(a.baseUri()).header("Authorization", "Bearer " + PackagedApp.ADMIN_TOKEN)
                .contentType(ContentType.JSON).body(Map.of("name", "Replicated", "default_currency", "EUR"))
                .when().post("/v1/admin/organizations").then().statusCode(201)
                .extract().path("data.api_key.secret");
    }

    /** Sum of every balance of the organization that owns the customer, as text. */
    private String totals(String customerId) throws Exception {
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT sum(cash_balance), sum(held_balance), sum(promotional_balance) FROM wallets
                        WHERE organization_id = (SELECT organization_id FROM customers WHERE id = ?)""")) {
            ps.setObject(1, UUID.fromString(customerId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1) + "/" + rs.getBigDecimal(2) + "/" + rs.getBigDecimal(3);
            }
        }
    }


    /** {@code parallel} requests released at once, alternating between the two replicas; their answers. */
    private List<Response> race(int parallel, java.util.function.Function<PackagedApp, Response> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                PackagedApp target = i % 2 == 0 ? a : b;
                futures.add(pool.submit(() -> {
                    go.await();
                    return request.apply(target);
                }));
            }
            go.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }
}
