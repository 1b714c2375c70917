package eu.billing.customers.customfield;

import static eu.billing.customers.customfield.CustomFieldDefinitionsTest.define;
import static eu.billing.customers.customfield.CustomFieldDefinitionsTest.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * A definition change racing customer writes, with real concurrent requests: whoever commits
 * first, no customer ends with a value (or a missing value) the committed definition forbids, and
 * a refused change counts exactly the customers that block it.
 */
@QuarkusTest
class CustomFieldRaceTest {

    private static final int ROUNDS = 6;
    private static final int WRITERS = 6;

    @Inject
    AgroalDataSource db;

    private ExecutorService pool;

    @BeforeEach
    void pool() {
        pool = Executors.newFixedThreadPool(WRITERS + 1);
    }

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    @Test
    void removingAnOptionRacingCreatesThatUseIt() throws Exception {
        int removed = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String key = Api.newOrganization();
            define(key, field("tier", "ENUM", "options", List.of("gold", "silver")));
            Race race = race(
                    () -> Api.as(key).body(Map.of("options", List.of("gold"))).when().patch("/v1/custom-fields/tier")
                            .then().extract(),
                    () -> Api.as(key).body(Map.of("name", "Racer", "custom_fields", Map.of("tier", "silver")))
                            .when().post("/v1/customers").then().extract());
            long silver = count(key, "SELECT count(*) FROM customers WHERE organization_id = ? "
                    + "AND custom_fields ->> 'tier' = 'silver'");
            int created = race.writes(201);
            assertEquals(created, silver);
            assertEquals(WRITERS, created + race.writes(400), "every create is either written or refused as invalid");
            if (race.change.statusCode() == 200) {
                removed++;
                assertEquals(0, silver, "an option was removed while a customer holds it");
            } else {
                refused++;
                assertEquals(409, race.change.statusCode());
                long affected = ((Number) race.change.path("affected_customers")).longValue();
                assertTrue(affected >= 1 && affected <= silver, affected + " of " + silver);
            }
        }
        assertEquals(ROUNDS, removed + refused);
    }

    @Test
    void makingAFieldRequiredRacingCreatesWithoutIt() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = Api.newOrganization();
            define(key, field("po_number", "STRING"));
            Race race = race(
                    () -> Api.as(key).body(Map.of("required", true)).when().patch("/v1/custom-fields/po_number")
                            .then().extract(),
                    () -> Api.as(key).body(Map.of("name", "Racer")).when().post("/v1/customers").then().extract());
            long without = count(key, "SELECT count(*) FROM customers WHERE organization_id = ? AND deleted_at IS NULL "
                    + "AND (custom_fields -> 'po_number') IS NULL");
            assertEquals(race.writes(201), without);
            if (race.change.statusCode() == 200) {
                assertEquals(0, without, "required while a live customer lacks it");
            } else {
                assertEquals(409, race.change.statusCode());
                assertTrue(without >= 1);
            }
        }
    }

    @Test
    void aNewRequiredFieldRacingCreates() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = Api.newOrganization();
            String fieldKey = "f" + UUID.randomUUID().toString().substring(0, 8);
            Race race = race(
                    () -> Api.as(key).body(field(fieldKey, "BOOLEAN", "required", true)).when()
                            .post("/v1/custom-fields").then().extract(),
                    () -> Api.as(key).body(Map.of("name", "Racer")).when().post("/v1/customers").then().extract());
            int created = race.writes(201);
            if (race.change.statusCode() == 201) {
                assertEquals(0, created, "a required field was created while live customers lack it");
                assertEquals(WRITERS, race.writes(400));
            } else {
                assertEquals(409, race.change.statusCode());
                assertTrue(created >= 1);
            }
        }
    }

    /** One definition change and {@link #WRITERS} customer writes, released together. */
    private Race race(Callable<ExtractableResponse<Response>> change, Callable<ExtractableResponse<Response>> write)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ExtractableResponse<Response>>> writes = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            writes.add(pool.submit(() -> {
                start.await();
                return write.call();
            }));
        }
        Future<ExtractableResponse<Response>> changed = pool.submit(() -> {
            start.await();
            return change.call();
        });
        start.countDown();
        List<ExtractableResponse<Response>> answers = new ArrayList<>();
        for (Future<ExtractableResponse<Response>> w : writes) {
            answers.add(w.get(60, TimeUnit.SECONDS));
        }
        return new Race(changed.get(60, TimeUnit.SECONDS), answers);
    }

    private record Race(ExtractableResponse<Response> change, List<ExtractableResponse<Response>> writes) {
        int writes(int status) {
            return (int) writes.stream().filter(r -> r.statusCode() == status).count();
        }
    }

    private long count(String apiKey, String sql) throws Exception {
        // the key embeds its organization's id: ck_<32 hex digits>_<secret>
        String hex = apiKey.substring(3, 35);
        String org = hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(org));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
