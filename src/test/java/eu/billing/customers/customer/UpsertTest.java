package eu.billing.customers.customer;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
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

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** POST with an external id that is taken is an idempotent upsert, also under concurrency. */
@QuarkusTest
class UpsertTest {

    @Inject
    AgroalDataSource db;

    @Test
    void secondCreateWithTheSameExternalIdAppliesTheGivenFieldsAndAnswers200() {
        String key = Api.newOrganization();
        String ext = Api.externalId();
        Map<String, Object> body = Api.customer("Original");
        body.put("external_id", ext);
        body.put("email", "one@example.com");
        String id = Api.createCustomer(key, body);

        Api.as(key).body(Map.of("external_id", ext, "name", "Renamed")).when().post("/v1/customers")
                .then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("data.id", equalTo(id))
                .body("data.name", equalTo("Renamed"))
                .body("data.email", equalTo("one@example.com"));
        Api.as(key).when().get("/v1/events?customer_id=" + id + "&type=customer.updated").then()
                .body("data[0].data.changes.name.after", equalTo("Renamed"));
    }

    @Test
    void upsertCannotChangeTheMode() {
        String key = Api.newOrganization();
        String ext = Api.externalId();
        Api.as(key).body(Map.of("external_id", ext, "name", "M", "mode", "POSTPAID")).when().post("/v1/customers")
                .then().statusCode(201);
        Api.as(key).body(Map.of("external_id", ext, "name", "M", "mode", "POSTPAID")).when().post("/v1/customers")
                .then().statusCode(200);
        Api.as(key).body(Map.of("external_id", ext, "name", "M", "mode", "PREPAID")).when().post("/v1/customers")
                .then().statusCode(422).body("code", equalTo("MODE_CHANGE_NOT_ALLOWED"));
    }

    @Test
    void theSameExternalIdInTwoOrganizationsIsTwoCustomers() {
        String ext = Api.externalId();
        String a = Api.createCustomer(Api.newOrganization(), Map.of("external_id", ext, "name", "A"));
        String b = Api.createCustomer(Api.newOrganization(), Map.of("external_id", ext, "name", "B"));
        assertTrue(!a.equals(b));
    }

    @Test
    void concurrentCreatesWithOneExternalIdGiveOneCustomerAndOneWallet() throws Exception {
        String key = Api.newOrganization();
        String ext = Api.externalId();
        int parallel = 32;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < parallel; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return Api.as(key).body(Map.of("external_id", ext, "name", "Racer", "tags", List.of("race")))
                        .when().post("/v1/customers");
            }));
        }
        start.countDown();
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (Future<Response> f : answers) {
            Response r = f.get(60, TimeUnit.SECONDS);
            assertTrue(r.statusCode() == 200 || r.statusCode() == 201, "status " + r.statusCode() + " " + r.asString());
            created += r.statusCode() == 201 ? 1 : 0;
            ids.add(r.path("data.id"));
        }
        pool.shutdown();
        assertEquals(1, created, "exactly one 201");
        assertEquals(1, ids.size(), "every answer names the same customer");
        UUID id = UUID.fromString(ids.iterator().next());

        try (Connection c = db.getConnection()) {
            assertEquals(1, count(c, "SELECT count(*) FROM customers WHERE external_id = ?", ext));
            assertEquals(1, count(c, "SELECT count(*) FROM wallets WHERE customer_id = ?", id));
            assertEquals(1, count(c, "SELECT count(*) FROM events WHERE customer_id = ? AND type = 'customer.created'", id));
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
