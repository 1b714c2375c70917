package eu.billing.customers.platform.tenancy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import eu.billing.customers.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** The API key lifecycle through HTTP: mint, list, roles, revoke, roll, expiry, last use, events, no secret leaks. */
@QuarkusTest
class ApiKeysTest {

    /** Every secret minted by this class: none may be in an event or a log line. */
    static final List<String> MINTED = java.util.Collections.synchronizedList(new ArrayList<>());

    @Inject
    TestClock clock;

    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Mints a key of the role with the given admin key; answers its secret. */
    static String mint(String adminKey, String role) {
        return mintResponse(adminKey, Map.of("name", role + " key", "role", role)).path("data.secret");
    }

    static ExtractableResponse<Response> mintResponse(String adminKey, Map<String, Object> body) {
        ExtractableResponse<Response> r = Api.as(adminKey).body(body).when().post("/v1/api-keys")
                .then().statusCode(201).extract();
        MINTED.add(r.path("data.secret"));
        return r;
    }

    private static String adminKeyId(String adminKey) {
        return Api.as(adminKey).when().get("/v1/api-keys").then().statusCode(200).extract()
                .path("data.find { it.role == 'admin' && it.status == 'active' }.id");
    }

    @Test
    void anAdminKeyMintsKeysOfEveryRoleAndListsThemWithoutSecrets() {
        String admin = Api.newOrganization();
        MINTED.add(admin);
        String adminId = adminKeyId(admin);
        ExtractableResponse<Response> created = Api.as(admin).header("X-Actor", "ops@example.com")
                .body(Map.of("name", "CI", "role", "write")).when().post("/v1/api-keys")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/v1/api-keys/[0-9a-f-]{36}"))
                .body("data.secret", matchesPattern("ck_[0-9a-f]{32}_[A-Za-z0-9_-]{43}"))
                .body("data.role", equalTo("write"))
                .body("data.name", equalTo("CI"))
                .body("data.status", equalTo("active"))
                .body("data.created_by.type", equalTo("api_key"))
                .body("data.created_by.api_key_id", equalTo(adminId))
                .body("data.created_by.label", equalTo("ops@example.com"))
                .body("data.expires_at", nullValue())
                .extract();
        String secret = created.path("data.secret");
        MINTED.add(secret);
        String prefix = created.path("data.prefix");
        assertTrue(secret.startsWith(prefix) && prefix.length() < secret.length() - 30, prefix);

        String list = Api.as(admin).when().get("/v1/api-keys").then().statusCode(200)
                .body("data.size()", equalTo(2))
                .body("data[0].id", equalTo(created.path("data.id")))
                .body("data[0].prefix", equalTo(prefix))
                .body("data.role", hasItem("admin"))
                .body("pagination.has_more", equalTo(false))
                .extract().asString();
        assertFalse(list.contains(secret), "the list never shows a secret");
        assertFalse(list.contains("\"secret\""), list);
        Api.as(admin).when().get("/v1/api-keys?limit=1").then().statusCode(200).body("data.size()", equalTo(1))
                .body("pagination.has_more", equalTo(true));
        Api.as(admin).when().get("/v1/api-keys/" + created.path("data.id")).then().statusCode(200)
                .body("data.role", equalTo("write"));

        // the new key works within its role
        String customer = Api.createCustomer(secret, Map.of("name", "By the write key"));
        Api.as(secret).when().get("/v1/customers/" + customer).then().statusCode(200);
        Api.as(secret).when().get("/v1/api-keys").then().statusCode(403).body("required_role", equalTo("admin"));
        Api.as(secret).body(Map.of("vat_validation_enabled", false)).when().patch("/v1/organization/settings")
                .then().statusCode(403).body("required_role", equalTo("admin"));
        Api.as(secret).when().get("/v1/organization/settings").then().statusCode(200);

        // bad input
        Api.as(admin).body(Map.of("name", "x")).when().post("/v1/api-keys").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("role"));
        Api.as(admin).body(Map.of("name", "x", "role", "root")).when().post("/v1/api-keys").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        Api.as(admin).body(Map.of("role", "write", "expires_at", "2020-01-01T00:00:00Z")).when().post("/v1/api-keys")
                .then().statusCode(400).body("errors[0].field", equalTo("expires_at"));
        Api.as(admin).when().get("/v1/api-keys/" + UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("API_KEY_NOT_FOUND"));
        // another organization's key is not found
        String other = Api.newOrganization();
        Api.as(other).when().get("/v1/api-keys/" + created.path("data.id")).then().statusCode(404);
        Api.as(other).when().delete("/v1/api-keys/" + created.path("data.id")).then().statusCode(404);
    }

    @Test
    void aRevokedKeyStopsAtOnceOnThisReplicaAndTheLastAdminKeyCannotBeRevoked() {
        String admin = Api.newOrganization();
        String adminId = adminKeyId(admin);
        ExtractableResponse<Response> write = mintResponse(admin, Map.of("name", "w", "role", "write"));
        String writeKey = write.path("data.secret");
        Api.as(writeKey).when().get("/v1/customers").then().statusCode(200); // cached now
        Api.as(admin).when().delete("/v1/api-keys/" + write.path("data.id")).then().statusCode(200)
                .body("data.status", equalTo("revoked")).body("data.revoked_at", notNullValue());
        Api.as(writeKey).when().get("/v1/customers").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        // revoking again changes nothing
        Api.as(admin).when().delete("/v1/api-keys/" + write.path("data.id")).then().statusCode(200)
                .body("data.status", equalTo("revoked"));

        Api.as(admin).when().delete("/v1/api-keys/" + adminId).then().statusCode(409)
                .body("code", equalTo("LAST_ADMIN_KEY"));
        Api.as(admin).when().get("/v1/customers").then().statusCode(200);
        // with a second admin key the first can go (a key may revoke itself)
        String second = mint(admin, "admin");
        Api.as(admin).when().delete("/v1/api-keys/" + adminId).then().statusCode(200);
        Api.as(admin).when().get("/v1/customers").then().statusCode(401);
        Api.as(second).when().get("/v1/api-keys").then().statusCode(200);
        // the platform admin is held to the same rule
        String orgId = ApiKeys.organizationOf(second).orElseThrow().toString();
        String secondId = adminKeyId(second);
        given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN).when()
                .delete("/v1/admin/organizations/" + orgId + "/api-keys/" + secondId)
                .then().statusCode(409).body("code", equalTo("LAST_ADMIN_KEY"));
    }

    @Test
    void concurrentRevocationsOfTheLastTwoAdminKeysLeaveOne() throws Exception {
        for (int round = 0; round < 3; round++) {
            String first = Api.newOrganization();
            String firstId = adminKeyId(first);
            ExtractableResponse<Response> second = mintResponse(first, Map.of("name", "second", "role", "admin"));
            String secondId = second.path("data.id");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                // the platform admin revokes both at once (a revoked key's own request would answer 401)
                String admin = "/v1/admin/organizations/" + ApiKeys.organizationOf(first).orElseThrow() + "/api-keys/";
                List<Callable<Integer>> calls = new ArrayList<>();
                for (String keyId : List.of(firstId, secondId)) {
                    calls.add(() -> {
                        start.await();
                        return given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN).when().delete(admin + keyId)
                                .statusCode();
                    });
                }
                List<Future<Integer>> answers = new ArrayList<>();
                calls.forEach(c -> answers.add(pool.submit(c)));
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : answers) {
                    statuses.add(f.get());
                }
                statuses.sort(null);
                assertEquals(List.of(200, 409), statuses, "round " + round);
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, activeAdminKeys(ApiKeys.organizationOf(first).orElseThrow()));
        }
    }

    @Test
    void aRolledKeyKeepsItsRecordAndTheOldSecretWorksUntilTheOverlapEnds() {
        String admin = Api.newOrganization();
        ExtractableResponse<Response> key = mintResponse(admin, Map.of("name", "roll me", "role", "read_only"));
        String id = key.path("data.id");
        String old = key.path("data.secret");
        Api.as(old).when().get("/v1/customers").then().statusCode(200);

        ExtractableResponse<Response> rolled = Api.as(admin).body(Map.of("expires_in", "PT1H"))
                .when().post("/v1/api-keys/" + id + "/roll").then().statusCode(200)
                .body("data.id", equalTo(id))
                .body("data.role", equalTo("read_only"))
                .body("data.name", equalTo("roll me"))
                .body("data.secret", not(equalTo(old)))
                .body("data.rolled_at", notNullValue())
                .body("data.previous_secret_expires_at", notNullValue())
                .extract();
        String fresh = rolled.path("data.secret");
        MINTED.add(fresh);
        Instant overlapEnds = Instant.parse(rolled.path("data.previous_secret_expires_at"));
        Instant rolledAt = Instant.parse(rolled.path("data.rolled_at"));
        assertEquals(Duration.ofHours(1), Duration.between(rolledAt, overlapEnds));
        Api.as(old).when().get("/v1/customers").then().statusCode(200);
        Api.as(fresh).when().get("/v1/customers").then().statusCode(200);
        Api.as(fresh).body(Map.of("name", "x")).when().post("/v1/customers").then().statusCode(403);

        clock.advance(Duration.ofMinutes(61));
        Api.as(old).when().get("/v1/customers").then().statusCode(401);
        Api.as(fresh).when().get("/v1/customers").then().statusCode(200);
        clock.reset();

        // default overlap 24 hours; rolling again ends the previous-but-one secret at once
        ExtractableResponse<Response> again = Api.as(admin).when().post("/v1/api-keys/" + id + "/roll")
                .then().statusCode(200).extract();
        MINTED.add(again.path("data.secret"));
        assertEquals(Duration.ofHours(24), Duration.between(Instant.parse(again.path("data.rolled_at")),
                Instant.parse(again.path("data.previous_secret_expires_at"))));
        Api.as(old).when().get("/v1/customers").then().statusCode(401);
        Api.as(fresh).when().get("/v1/customers").then().statusCode(200);
        Api.as((String) again.path("data.secret")).when().get("/v1/customers").then().statusCode(200);

        // PT0S: the old secret stops at once
        ExtractableResponse<Response> now = Api.as(admin).body(Map.of("expires_in", "PT0S"))
                .when().post("/v1/api-keys/" + id + "/roll").then().statusCode(200).extract();
        MINTED.add(now.path("data.secret"));
        Api.as((String) again.path("data.secret")).when().get("/v1/customers").then().statusCode(401);

        Api.as(admin).body(Map.of("expires_in", "P8D")).when().post("/v1/api-keys/" + id + "/roll").then()
                .statusCode(400).body("errors[0].field", equalTo("expires_in"));
        Api.as(admin).body(Map.of("expires_in", "tomorrow")).when().post("/v1/api-keys/" + id + "/roll").then()
                .statusCode(400).body("errors[0].field", equalTo("expires_in"));
        Api.as(admin).body(Map.of("expires_in", "-PT1H")).when().post("/v1/api-keys/" + id + "/roll").then()
                .statusCode(400);
        Api.as(admin).when().delete("/v1/api-keys/" + id).then().statusCode(200);
        Api.as(admin).when().post("/v1/api-keys/" + id + "/roll").then().statusCode(409)
                .body("code", equalTo("API_KEY_INACTIVE"));
    }

    @Test
    void aKeyStopsWhenItExpires() {
        String admin = Api.newOrganization();
        Instant expires = Instant.now().plus(Duration.ofHours(2));
        ExtractableResponse<Response> key = mintResponse(admin, Map.of("role", "read_only", "expires_at", expires.toString()));
        String secret = key.path("data.secret");
        Api.as(secret).when().get("/v1/customers").then().statusCode(200);
        clock.advance(Duration.ofHours(3));
        Api.as(secret).when().get("/v1/customers").then().statusCode(401);
        Api.as(admin).when().get("/v1/api-keys/" + key.path("data.id")).then().statusCode(200)
                .body("data.status", equalTo("expired"));
    }

    @Test
    void lastUsedAtIsRecordedAtMostOnceAMinute() throws Exception {
        String admin = Api.newOrganization();
        ExtractableResponse<Response> key = mintResponse(admin, Map.of("role", "read_only"));
        String id = key.path("data.id");
        Api.as(admin).when().get("/v1/api-keys/" + id).then().body("data.last_used_at", nullValue());
        Api.as((String) key.path("data.secret")).when().get("/v1/customers").then().statusCode(200);
        String first = Api.as(admin).when().get("/v1/api-keys/" + id).then().extract().path("data.last_used_at");
        assertTrue(first != null);
        Api.as((String) key.path("data.secret")).when().get("/v1/customers").then().statusCode(200);
        assertEquals(first, Api.as(admin).when().get("/v1/api-keys/" + id).then().extract().path("data.last_used_at"));
    }

    @Test
    void theCacheBoundsHowLateARevocationByAnotherReplicaTakesEffect() throws Exception {
        String admin = Api.newOrganization();
        ExtractableResponse<Response> key = mintResponse(admin, Map.of("role", "read_only"));
        String secret = key.path("data.secret");
        Api.as(secret).when().get("/v1/customers").then().statusCode(200);
        // another replica revokes it: this one only sees the row
        long revokedAt = System.nanoTime();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE api_keys SET revoked_at = now() WHERE organization_id = ? AND id = ?")) {
            ps.setObject(1, ApiKeys.organizationOf(secret).orElseThrow());
            ps.setObject(2, UUID.fromString(key.path("data.id")));
            assertEquals(1, ps.executeUpdate());
        }
        while (Api.as(secret).when().get("/v1/customers").statusCode() == 200) {
            assertTrue(System.nanoTime() - revokedAt < Duration.ofSeconds(5).toNanos(), "refused within 5 s");
            Thread.sleep(100);
        }
        assertTrue(System.nanoTime() - revokedAt < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void everyKeyChangeIsAnEventWithTheActorAndNoSecretIsInAnEventOrALogLine() throws Exception {
        String admin = Api.newOrganization();
        MINTED.add(admin);
        String adminId = adminKeyId(admin);
        ExtractableResponse<Response> key = mintResponse(admin, Map.of("name", "audited", "role", "write"));
        String id = key.path("data.id");
        MINTED.add(Api.as(admin).header("X-Actor", "ops@example.com").when().post("/v1/api-keys/" + id + "/roll")
                .then().statusCode(200).extract().path("data.secret"));
        Api.as(admin).when().delete("/v1/api-keys/" + id).then().statusCode(200);
        String orgId = ApiKeys.organizationOf(admin).orElseThrow().toString();
        ExtractableResponse<Response> platform = given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .contentType(ContentType.JSON).body(Map.of("name", "platform", "role", "read_only"))
                .when().post("/v1/admin/organizations/" + orgId + "/api-keys").then().statusCode(201)
                .body("data.api_key.role", equalTo("read_only")).extract();
        MINTED.add(platform.path("data.api_key.secret"));
        given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN).when()
                .delete("/v1/admin/organizations/" + orgId + "/api-keys/" + platform.path("data.api_key.id"))
                .then().statusCode(200).body("data.status", equalTo("revoked"));

        Api.as(admin).when().get("/v1/events?type=api_key.created").then().statusCode(200)
                .body("data.size()", equalTo(3)) // the initial key, the write key, the platform admin's
                .body("data.find { it.data.api_key_id == '" + id + "' }.actor.api_key_id", equalTo(adminId))
                .body("data.find { it.data.api_key_id == '" + id + "' }.data.role", equalTo("write"))
                .body("data.find { it.data.api_key_id == '" + id + "' }.customer_id", nullValue());
        Api.as(admin).when().get("/v1/events?type=api_key.rolled").then().statusCode(200)
                .body("data.size()", equalTo(1))
                .body("data[0].actor.label", equalTo("ops@example.com"))
                .body("data[0].data.previous_secret_expires_at", notNullValue());
        Api.as(admin).when().get("/v1/events?type=api_key.revoked").then().statusCode(200)
                .body("data.size()", equalTo(2))
                .body("data.actor.type", hasItem("admin"));

        // no minted secret in any event or in the log of this test run
        List<String> secrets = new ArrayList<>(MINTED);
        assertTrue(secrets.size() >= 4);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT data::text FROM events WHERE type LIKE 'api_key.%'");
                ResultSet rows = ps.executeQuery()) {
            int events = 0;
            while (rows.next()) {
                events++;
                String data = rows.getString(1);
                for (String secret : secrets) {
                    assertFalse(data.contains(secret.substring(36)), "an event carries a secret");
                }
            }
            assertTrue(events >= 5);
        }
        Path log = Path.of("target/quarkus.log");
        assertTrue(Files.exists(log), "the test profile logs to " + log);
        String logged = Files.readString(log);
        for (String secret : secrets) {
            assertFalse(logged.contains(secret.substring(36)), "a log line carries a secret");
        }
    }

    private int activeAdminKeys(UUID organizationId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM api_keys WHERE organization_id = ? "
                        + "AND role = 'admin' AND revoked_at IS NULL")) {
            ps.setObject(1, organizationId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
