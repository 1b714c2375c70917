package eu.billing.customers.platform.idempotency;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
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

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import eu.billing.customers.platform.tenancy.ApiKeys;
import eu.billing.customers.support.Api;
import eu.billing.customers.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Idempotency-Key through HTTP against PostgreSQL: replays, refusals, concurrency, expiry and cleanup. */
@QuarkusTest
class IdempotencyTest {

    @Inject
    TestClock clock;

    @Inject
    DataSource dataSource;

    @Inject
    IdempotencyCleanup cleanup;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String newKey() {
        return "idem-" + UUID.randomUUID();
    }

    @Test
    void aRepeatedCreateAnswersTheStoredAnswerWithoutCreatingAgain() throws Exception {
        String api = Api.newOrganization();
        String key = newKey();
        Response first = Api.as(api).header("Idempotency-Key", key).body(Map.of("name", "Once")).when().post("/v1/customers");
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        Response again = Api.as(api).header("Idempotency-Key", key).body(Map.of("name", "Once")).when().post("/v1/customers");
        again.then().statusCode(201).header("Idempotent-Replayed", equalTo("true"))
                .header("Location", equalTo(first.header("Location")))
                .header("ETag", equalTo(first.header("ETag")))
                .body("data.id", equalTo(first.path("data.id")));
        assertEquals(first.asString(), again.asString());
        assertEquals(1, customers(api));
        // the same key with another body, path or method is refused
        Api.as(api).header("Idempotency-Key", key).body(Map.of("name", "Twice")).when().post("/v1/customers")
                .then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        Api.as(api).header("Idempotency-Key", key).body(Map.of("name", "Once")).when()
                .patch("/v1/customers/" + first.path("data.id")).then().statusCode(422)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        assertEquals(1, customers(api));
        // keys are scoped to the organization: another one runs its own request
        String other = Api.newOrganization();
        Api.as(other).header("Idempotency-Key", key).body(Map.of("name", "Once")).when().post("/v1/customers")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue())
                .body("data.id", org.hamcrest.Matchers.not(equalTo(first.path("data.id"))));
        // without a key nothing is stored
        Api.as(api).body(Map.of("name", "Once")).when().post("/v1/customers").then().statusCode(201);
        assertEquals(2, customers(api));
    }

    @Test
    void answersOf200412And422AndValidationErrorsAreReplayed() {
        String api = Api.newOrganization();
        String id = Api.createCustomer(api, Map.of("name", "Target"));
        String other = Api.createCustomer(api, Map.of("name", "Other"));

        // 200 with its ETag: replayed as it was, even after the customer changed again
        String k200 = newKey();
        Response updated = Api.as(api).header("Idempotency-Key", k200).header("If-Match", "\"1\"")
                .body(Map.of("name", "Renamed")).when().patch("/v1/customers/" + id);
        updated.then().statusCode(200).header("ETag", equalTo("\"2\""));
        Api.as(api).body(Map.of("name", "Renamed again")).when().patch("/v1/customers/" + id).then().statusCode(200);
        Api.as(api).header("Idempotency-Key", k200).header("If-Match", "\"1\"").body(Map.of("name", "Renamed"))
                .when().patch("/v1/customers/" + id).then().statusCode(200)
                .header("Idempotent-Replayed", equalTo("true")).header("ETag", equalTo("\"2\""))
                .body("data.name", equalTo("Renamed"));
        Api.as(api).when().get("/v1/customers/" + id).then().body("data.name", equalTo("Renamed again"))
                .body("data.version", equalTo(3));

        // 412: a stale If-Match; the answer is stored, the repeat is not run again
        String k412 = newKey();
        Response stale = Api.as(api).header("Idempotency-Key", k412).header("If-Match", "\"1\"")
                .body(Map.of("name", "Stale")).when().patch("/v1/customers/" + id);
        stale.then().statusCode(412).body("code", equalTo("VERSION_CONFLICT"));
        Api.as(api).header("Idempotency-Key", k412).header("If-Match", "\"1\"").body(Map.of("name", "Stale"))
                .when().patch("/v1/customers/" + id).then().statusCode(412)
                .header("Idempotent-Replayed", equalTo("true"))
                .contentType("application/problem+json")
                .body("code", equalTo("VERSION_CONFLICT"))
                .body("request_id", equalTo(stale.path("request_id")));

        // 422: merging a customer into itself
        String k422 = newKey();
        Map<String, Object> self = Map.of("source_customer_id", other, "target_customer_id", other);
        Api.as(api).header("Idempotency-Key", k422).body(self).when().post("/v1/customers/merge").then().statusCode(422)
                .body("code", equalTo("MERGE_SAME_CUSTOMER")).header("Idempotent-Replayed", nullValue());
        Api.as(api).header("Idempotency-Key", k422).body(self).when().post("/v1/customers/merge").then().statusCode(422)
                .header("Idempotent-Replayed", equalTo("true")).body("code", equalTo("MERGE_SAME_CUSTOMER"));

        // 400: a body the service refuses is refused again from the store
        String k400 = newKey();
        Api.as(api).header("Idempotency-Key", k400).body(Map.of("email", "x")).when().post("/v1/customers")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        Api.as(api).header("Idempotency-Key", k400).body(Map.of("email", "x")).when().post("/v1/customers")
                .then().statusCode(400).header("Idempotent-Replayed", equalTo("true"));

        // DELETE: replayed
        String kDelete = newKey();
        Api.as(api).header("Idempotency-Key", kDelete).when().delete("/v1/customers/" + other).then().statusCode(200)
                .body("data.status", equalTo("ARCHIVED"));
        Api.as(api).header("Idempotency-Key", kDelete).when().delete("/v1/customers/" + other).then().statusCode(200)
                .header("Idempotent-Replayed", equalTo("true")).body("data.status", equalTo("ARCHIVED"));
    }

    @Test
    void aKeyMustBePrintableAndAtMost255Characters() {
        String api = Api.newOrganization();
        Api.as(api).header("Idempotency-Key", "x".repeat(256)).body(Map.of("name", "A")).when().post("/v1/customers")
                .then().statusCode(400).body("code", equalTo("INVALID_HEADER"));
        Api.as(api).header("Idempotency-Key", "caf\u00e9").body(Map.of("name", "A")).when().post("/v1/customers")
                .then().statusCode(400).body("code", equalTo("INVALID_HEADER"));
        Api.as(api).header("Idempotency-Key", "x".repeat(255)).body(Map.of("name", "A")).when().post("/v1/customers")
                .then().statusCode(201);
        assertEquals(1, customers(api));
        // reads ignore the header
        Api.as(api).header("Idempotency-Key", "x".repeat(300)).when().get("/v1/customers").then().statusCode(200);
    }

    @Test
    void thirtyTwoParallelRequestsWithOneKeyCreateOneCustomer() throws Exception {
        String api = Api.newOrganization();
        String key = newKey();
        int n = 32;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return Api.as(api).header("Idempotency-Key", key).body(Map.of("name", "Parallel", "tags",
                            List.of("race"))).when().post("/v1/customers");
                }));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            int created = 0;
            int inProgress = 0;
            for (Future<Response> f : answers) {
                Response r = f.get();
                if (r.statusCode() == 201) {
                    created++;
                    ids.add(r.path("data.id"));
                } else {
                    assertEquals(409, r.statusCode(), r.asString());
                    assertEquals("IDEMPOTENCY_KEY_IN_PROGRESS", r.path("code"));
                    inProgress++;
                }
            }
            assertEquals(1, ids.size(), "every 201 names the one customer");
            assertEquals(n, created + inProgress);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, customers(api));
        Api.as(api).header("Idempotency-Key", key).body(Map.of("name", "Parallel", "tags", List.of("race")))
                .when().post("/v1/customers").then().statusCode(201).header("Idempotent-Replayed", equalTo("true"));
    }

    @Test
    void keysExpireAfter24HoursAndTheCleanupDeletesThem() throws Exception {
        String api = Api.newOrganization();
        UUID org = ApiKeys.organizationOf(api).orElseThrow();
        String key = newKey();
        Api.as(api).header("Idempotency-Key", key).body(Map.of("name", "Day one")).when().post("/v1/customers")
                .then().statusCode(201);
        assertEquals(1, storedKeys(org));
        clock.advance(Duration.ofHours(23));
        Api.as(api).header("Idempotency-Key", key).body(Map.of("name", "Day one")).when().post("/v1/customers")
                .then().statusCode(201).header("Idempotent-Replayed", equalTo("true"));
        cleanup.run();
        assertEquals(1, storedKeys(org), "a live key stays");
        clock.advance(Duration.ofHours(2));
        cleanup.run();
        assertEquals(0, storedKeys(org), "the expired key is deleted");
        Api.as(api).header("Idempotency-Key", key).body(Map.of("name", "Day one")).when().post("/v1/customers")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertEquals(2, customers(api));
    }

    @Test
    void theCleanupDeletesInBatchesAndRacingRunsDeleteEachKeyOnce() throws Exception {
        String api = Api.newOrganization();
        UUID org = ApiKeys.organizationOf(api).orElseThrow();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO idempotency_keys (organization_id, idempotency_key, "
                        + "request_hash, method, path, state, response_status, created_at, expires_at) "
                        + "SELECT ?, 'bulk-' || g, '\\x00'::bytea, 'POST', '/v1/customers', 'done', 201, now() - interval '2 days', "
                        + "now() - interval '1 day' FROM generate_series(1, 1200) g")) {
            ps.setObject(1, org);
            assertEquals(1200, ps.executeUpdate());
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit(() -> cleanup.run().done()));
            }
            int deleted = 0;
            for (Future<Integer> run : runs) {
                deleted += run.get();
            }
            assertEquals(1200, deleted, "each expired key deleted exactly once over the racing runs");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, storedKeys(org));
    }

    @Test
    void theChangeAndItsStoredAnswerCommitTogetherAndA5xxIsNotStored() throws Exception {
        String api = Api.newOrganization();
        UUID org = ApiKeys.organizationOf(api).orElseThrow();
        String key = "fail-store-" + UUID.randomUUID();
        // the database refuses to store this key's answer: the customer made in the same transaction must go too
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("CREATE OR REPLACE FUNCTION refuse_idempotency_key() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN IF NEW.idempotency_key = '" + key + "' THEN RAISE EXCEPTION 'refused by the test'; END IF; "
                    + "RETURN NEW; END $$");
            st.execute("CREATE TRIGGER refuse_idempotency_key BEFORE INSERT ON idempotency_keys FOR EACH ROW "
                    + "EXECUTE FUNCTION refuse_idempotency_key()");
        }
        try {
            int status = Api.as(api).header("Idempotency-Key", key).body(Map.of("name", "Rolled back")).when()
                    .post("/v1/customers").statusCode();
            assertTrue(status >= 500, "status " + status);
            assertEquals(0, customers(api), "no customer without its stored answer");
            assertEquals(0, storedKeys(org));
        } finally {
            try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
                st.execute("DROP TRIGGER refuse_idempotency_key ON idempotency_keys");
                st.execute("DROP FUNCTION refuse_idempotency_key()");
            }
        }
        // the 5xx was not stored: the retry runs
        Api.as(api).header("Idempotency-Key", key).body(Map.of("name", "Rolled back")).when().post("/v1/customers")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertEquals(1, customers(api));
        // a 404 of a write is stored, and nothing else happened
        String missing = newKey();
        Api.as(api).header("Idempotency-Key", missing).body(Map.of("name", "x")).when()
                .patch("/v1/customers/" + UUID.randomUUID()).then().statusCode(404);
        assertEquals(2, storedKeys(org));
    }

    private int customers(String api) {
        return Api.as(api).when().get("/v1/customers?limit=100").then().statusCode(200).extract().path("data.size()");
    }

    private int storedKeys(UUID org) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM idempotency_keys WHERE organization_id = ?")) {
            ps.setObject(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
