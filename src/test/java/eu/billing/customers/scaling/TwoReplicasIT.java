package eu.billing.customers.scaling;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

import eu.billing.customers.platform.devdb.EmbeddedPostgres;
import eu.billing.customers.support.PackagedApp;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Two instances of the packaged service on two ports against one database: whatever must hold
 * across replicas is enforced by the database, not by either process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoReplicasIT {

    String url;
    String user;
    String password;
    PackagedApp a;
    PackagedApp b;

    @BeforeAll
    void start() throws Exception {
        url = System.getenv().getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "");
        user = System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres");
        password = System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        if (url.isBlank()) {
            url = EmbeddedPostgres.startOrReuse();
            user = "postgres";
            password = "postgres";
        }
        // both start at once: Liquibase's lock lets exactly one of them migrate
        final String u = user;
        final String p = password;
        ExecutorService boot = Executors.newFixedThreadPool(2);
        // no real VIES from a test: background checks fail fast as UNAVAILABLE
        Map<String, String> env = Map.of("CUSTOMERS_VIES_BASE_URL", "http://127.0.0.1:9/vies");
        Future<PackagedApp> first = boot.submit(() -> PackagedApp.start(url, u, p, env));
        Future<PackagedApp> second = boot.submit(() -> PackagedApp.start(url, u, p, env));
        a = first.get(120, TimeUnit.SECONDS);
        b = second.get(120, TimeUnit.SECONDS);
        boot.shutdown();
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
        int parallel = 32;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            PackagedApp target = i % 2 == 0 ? a : b;
            answers.add(pool.submit(() -> {
                go.await();
                return given().baseUri(target.baseUri()).header("Authorization", "Bearer " + key)
                        .contentType(ContentType.JSON).body(Map.of("external_id", ext, "name", "Racer"))
                        .when().post("/v1/customers");
            }));
        }
        go.countDown();
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (Future<Response> f : answers) {
            Response r = f.get(60, TimeUnit.SECONDS);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.asString());
            created += r.statusCode() == 201 ? 1 : 0;
            ids.add(r.path("data.id"));
        }
        pool.shutdown();
        assertEquals(1, created);
        assertEquals(1, ids.size());
        try (Connection c = DriverManager.getConnection(url, user, password)) {
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
        try (Connection c = DriverManager.getConnection(url, user, password);
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
        try (Connection c = DriverManager.getConnection(url, user, password);
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
        try (Connection c = DriverManager.getConnection(url, user, password);
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
        try (Connection c = DriverManager.getConnection(url, user, password)) {
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

    private String newOrganization() {
        return given().baseUri(a.baseUri()).header("Authorization", "Bearer " + PackagedApp.ADMIN_TOKEN)
                .contentType(ContentType.JSON).body(Map.of("name", "Replicated", "default_currency", "EUR"))
                .when().post("/v1/admin/organizations").then().statusCode(201)
                .extract().path("data.api_key.secret");
    }

    /** Sum of every balance of the organization that owns the customer, as text. */
    private String totals(String customerId) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password);
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

    static int count(Connection c, String sql, Object param) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
