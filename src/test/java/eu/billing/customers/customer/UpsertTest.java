package eu.billing.customers.customer;

import static eu.billing.customers.support.Sql.text;
import static eu.billing.customers.support.Sql.count;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
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

    /**
     * A create with an external id writes the complete row in its claim (issue 16), by JDBC: the
     * row, its wallet, its event and the answer are those of the same create without an external
     * id, whose row Hibernate writes; the announced tax treatment too (else the next write of the
     * customer would announce a change that is none).
     */
    @Test
    void aCreateWithAnExternalIdWritesWhatTheSameCreateWithoutOneWrites() throws Exception {
        String key = Api.newOrganization();
        Api.as(key).body(Map.of("home_country", "FR", "default_payment_terms_days", Map.of("business", 30)))
                .when().patch("/v1/organization/settings").then().statusCode(200);
        Api.as(key).body(Map.of("key", "tier", "label", "Tier", "type", "ENUM", "options", List.of("gold", "silver")))
                .when().post("/v1/custom-fields").then().statusCode(201);
        Api.as(key).body(Map.of("key", "vip", "label", "VIP", "type", "BOOLEAN")).when().post("/v1/custom-fields")
                .then().statusCode(201);
        Map<String, Object> body = Api.richCustomer("Rich GmbH");
        body.put("mode", "PREPAID");
        body.put("disabled_providers", List.of("paypal", "paypal"));
        body.put("default_max_single_credit", "500");
        body.put("vat_validation_disabled", true);
        body.put("vat_validation_disabled_reason", "checked by hand");
        body.put("tags", List.of("vip", "eu", "vip"));
        body.put("custom_fields", Map.of("tier", "gold", "vip", true));
        Response plain = Api.as(key).body(body).when().post("/v1/customers");
        plain.then().statusCode(201);
        String ext = Api.externalId();
        body.put("external_id", ext);
        Response claimed = Api.as(key).body(body).when().post("/v1/customers");
        claimed.then().statusCode(201).header("ETag", equalTo("\"1\""));
        String plainId = plain.path("data.id");
        String claimedId = claimed.path("data.id");

        Map<String, Object> plainAnswer = new java.util.HashMap<>(plain.path("data"));
        Map<String, Object> claimedAnswer = new java.util.HashMap<>(claimed.path("data"));
        assertEquals(ext, claimedAnswer.remove("external_id"));
        plainAnswer.remove("external_id");
        for (String differs : List.of("id", "created_at", "updated_at")) {
            plainAnswer.remove(differs);
            claimedAnswer.remove(differs);
        }
        assertEquals(plainAnswer, claimedAnswer);
        Api.as(key).when().get("/v1/customers/" + claimedId).then().statusCode(200)
                .body("data.updated_at", equalTo(claimed.path("data.updated_at")))
                .body("data.custom_fields", equalTo(claimed.path("data.custom_fields")));

        try (Connection c = db.getConnection()) {
            String row = "SELECT to_jsonb(c) - 'id' - 'external_id' - 'created_at' - 'updated_at' FROM customers c"
                    + " WHERE id = CAST(? AS uuid)";
            assertEquals(text(c, row, plainId), text(c, row, claimedId));
            assertEquals("true", text(c, "SELECT CAST(tax_treatment IS NOT NULL AS text) FROM customers"
                    + " WHERE id = CAST(? AS uuid)", claimedId), "the treatment is announced with the row");
            String wallet = "SELECT to_jsonb(w) - 'id' - 'customer_id' - 'created_at' - 'updated_at' FROM wallets w"
                    + " WHERE customer_id = CAST(? AS uuid)";
            assertEquals(text(c, wallet, plainId), text(c, wallet, claimedId));
            String event = "SELECT string_agg(type || ' ' || (data #- '{changes,external_id}')::text, ', ')"
                    + " FROM events WHERE customer_id = CAST(? AS uuid)";
            assertEquals(text(c, event, plainId), text(c, event, claimedId));
        }
        // the announced treatment is the one derived: a write that does not change it announces nothing
        Api.as(key).body(Map.of("email", "other@rich.example")).when().patch("/v1/customers/" + claimedId)
                .then().statusCode(200);
        Api.as(key).when().get("/v1/events?customer_id=" + claimedId).then()
                .body("data.type", equalTo(List.of("customer.updated", "customer.created")));
    }

    /**
     * An upsert is validated as an update: it need not repeat a required custom field the customer
     * has, though a create without it would be refused.
     */
    @Test
    void anUpsertNeedNotRepeatARequiredCustomField() {
        String key = Api.newOrganization();
        Api.as(key).body(Map.of("key", "tier", "label", "Tier", "type", "ENUM", "options", List.of("gold", "silver"),
                "required", true)).when().post("/v1/custom-fields").then().statusCode(201);
        String ext = Api.externalId();
        Api.as(key).body(Map.of("external_id", ext, "name", "Untiered")).when().post("/v1/customers").then()
                .statusCode(400).body("errors.field", equalTo(List.of("custom_fields.tier")));
        String id = Api.createCustomer(key, Map.of("external_id", ext, "name", "Tiered",
                "custom_fields", Map.of("tier", "gold")));
        Api.as(key).body(Map.of("external_id", ext, "name", "Renamed")).when().post("/v1/customers").then()
                .statusCode(200)
                .body("data.id", equalTo(id))
                .body("data.name", equalTo("Renamed"))
                .body("data.custom_fields", equalTo(Map.of("tier", "gold")));
    }
}
