package eu.billing.customers.customfield;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/** Custom field definitions through HTTP: the rules of a definition, archive, events, limits, tenants. */
@QuarkusTest
class CustomFieldDefinitionsTest {

    static Map<String, Object> field(String key, String type, Object... more) {
        Map<String, Object> body = new HashMap<>();
        body.put("key", key);
        body.put("label", "Label of " + key);
        body.put("type", type);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    static void define(String apiKey, Map<String, Object> body) {
        Api.as(apiKey).body(body).when().post("/v1/custom-fields").then().statusCode(201);
    }

    @Test
    void everyTypeIsDefinedAndAnsweredWithLocation() {
        String key = Api.newOrganization();
        Api.as(key).body(field("cost_centre", "ENUM", "options", List.of("sales", "support"), "required", false,
                "description", "Where the cost goes"))
                .when().post("/v1/custom-fields").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/v1/custom-fields/cost_centre"))
                .body("data.key", equalTo("cost_centre"))
                .body("data.label", equalTo("Label of cost_centre"))
                .body("data.description", equalTo("Where the cost goes"))
                .body("data.type", equalTo("ENUM"))
                .body("data.required", equalTo(false))
                .body("data.options", equalTo(List.of("sales", "support")))
                .body("data.max_length", nullValue())
                .body("data.created_at", notNullValue())
                .body("data.archived_at", nullValue());
        Api.as(key).body(field("po_number", "STRING", "max_length", 20)).when().post("/v1/custom-fields")
                .then().statusCode(201).body("data.max_length", equalTo(20)).body("data.options", nullValue());
        define(key, field("seats", "NUMBER"));
        define(key, field("print_po", "BOOLEAN"));
        define(key, field("contract_end", "DATE"));
        Api.as(key).when().get("/v1/custom-fields/po_number").then().statusCode(200)
                .body("data.type", equalTo("STRING")).body("data.max_length", equalTo(20));
        Api.as(key).when().get("/v1/custom-fields").then().statusCode(200)
                .body("data.key", equalTo(List.of("contract_end", "print_po", "seats", "po_number", "cost_centre")))
                .body("pagination.has_more", equalTo(false));
    }

    @Test
    void badKeysTypesOptionsAndLengthsAre400() {
        String key = Api.newOrganization();
        List<Map<String, Object>> bad = List.of(
                field("Cost", "STRING"), field("1abc", "STRING"), field("a-b", "STRING"),
                field("a" + "b".repeat(40), "STRING"), field("ok_key", "TEXT"),
                field("ok_key", "ENUM"), field("ok_key", "ENUM", "options", List.of()),
                field("ok_key", "ENUM", "options", List.of("a", "a")),
                field("ok_key", "ENUM", "options", java.util.Collections.nCopies(101, "x")),
                field("ok_key", "STRING", "options", List.of("a")),
                field("ok_key", "NUMBER", "max_length", 10), field("ok_key", "STRING", "max_length", 501),
                field("ok_key", "STRING", "max_length", 0));
        for (Map<String, Object> body : bad) {
            Api.as(key).body(body).when().post("/v1/custom-fields").then().statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
        Map<String, Object> noLabel = field("ok_key", "STRING");
        noLabel.remove("label");
        Api.as(key).body(noLabel).when().post("/v1/custom-fields").then().statusCode(400)
                .body("errors.field", hasItem("label"));
        Api.as(key).when().get("/v1/custom-fields").then().body("data.size()", equalTo(0));
        Api.as(key).when().get("/v1/events?type=custom_field.created").then().body("data.size()", equalTo(0));
    }

    @Test
    void aDuplicateKeyIs409AndAnotherOrganizationHasItsOwnKeys() {
        String a = Api.newOrganization();
        String b = Api.newOrganization();
        define(a, field("region", "STRING"));
        Api.as(a).body(field("region", "NUMBER")).when().post("/v1/custom-fields").then().statusCode(409)
                .body("code", equalTo("CUSTOM_FIELD_KEY_TAKEN"));
        // B neither sees A's definition nor is stopped by it
        Api.as(b).when().get("/v1/custom-fields/region").then().statusCode(404)
                .body("code", equalTo("CUSTOM_FIELD_NOT_FOUND"));
        Api.as(b).body(Map.of("label", "Mine")).when().patch("/v1/custom-fields/region").then().statusCode(404);
        Api.as(b).when().delete("/v1/custom-fields/region").then().statusCode(404);
        Api.as(b).when().get("/v1/custom-fields").then().body("data.size()", equalTo(0));
        define(b, field("region", "BOOLEAN"));
        Api.as(a).when().get("/v1/custom-fields/region").then().body("data.type", equalTo("STRING"));
    }

    @Test
    void patchChangesWhatIsSentRecordsAnEventAndKeepsTheKey() {
        String key = Api.newOrganization();
        define(key, field("tier", "ENUM", "options", List.of("gold", "silver")));
        Api.as(key).body(Map.of("label", "Tier", "description", "Support tier", "options", List.of("gold", "silver",
                "bronze"))).when().patch("/v1/custom-fields/tier").then().statusCode(200)
                .body("data.label", equalTo("Tier"))
                .body("data.options", equalTo(List.of("gold", "silver", "bronze")));
        // no values stored: the type may change; options go with ENUM, max_length comes with STRING
        Api.as(key).body(Map.of("type", "STRING", "max_length", 30)).when().patch("/v1/custom-fields/tier")
                .then().statusCode(200).body("data.type", equalTo("STRING")).body("data.options", nullValue())
                .body("data.max_length", equalTo(30)).body("data.description", equalTo("Support tier"));
        Api.as(key).body(Map.of("type", "ENUM")).when().patch("/v1/custom-fields/tier").then().statusCode(400)
                .body("errors.field", hasItem("options"));
        Api.as(key).body(Map.of("key", "other")).when().patch("/v1/custom-fields/tier").then().statusCode(400)
                .body("errors.field", hasItem("key"));
        Api.as(key).body(Map.of("label", "Tier")).when().patch("/v1/custom-fields/tier").then().statusCode(200);
        Api.as(key).when().get("/v1/events?type=custom_field.updated").then().statusCode(200)
                .body("data.size()", equalTo(2))
                .body("data[0].data.key", equalTo("tier"))
                .body("data[0].customer_id", nullValue())
                .body("data[0].data.changes.type.before", equalTo("ENUM"))
                .body("data[0].data.changes.type.after", equalTo("STRING"))
                .body("data[1].data.changes.label.after", equalTo("Tier"));
        Api.as(key).when().get("/v1/events?type=custom_field.created").then()
                .body("data[0].data.changes.type.after", equalTo("ENUM"))
                .body("data[0].data.reactivated", equalTo(false));
    }

    @Test
    void deleteArchivesAndAnArchivedKeyComesBackOnlyWithItsType() {
        String key = Api.newOrganization();
        define(key, field("legacy_code", "STRING", "required", false));
        Api.as(key).when().delete("/v1/custom-fields/legacy_code").then().statusCode(200)
                .body("data.archived_at", notNullValue());
        Api.as(key).when().delete("/v1/custom-fields/legacy_code").then().statusCode(200); // idempotent
        Api.as(key).when().get("/v1/custom-fields/legacy_code").then().statusCode(200)
                .body("data.archived_at", notNullValue());
        Api.as(key).when().get("/v1/custom-fields").then().body("data.key", not(hasItem("legacy_code")));
        Api.as(key).when().get("/v1/custom-fields?include_archived=true").then()
                .body("data.key", hasItem("legacy_code"));
        Api.as(key).when().get("/v1/custom-fields?include_archived=maybe").then().statusCode(400);
        Api.as(key).body(Map.of("label", "x")).when().patch("/v1/custom-fields/legacy_code").then().statusCode(409)
                .body("code", equalTo("CUSTOM_FIELD_ARCHIVED"));
        Api.as(key).body(field("legacy_code", "NUMBER")).when().post("/v1/custom-fields").then().statusCode(409)
                .body("code", equalTo("CUSTOM_FIELD_KEY_ARCHIVED"));
        Api.as(key).body(field("legacy_code", "STRING", "max_length", 50)).when().post("/v1/custom-fields")
                .then().statusCode(201).body("data.archived_at", nullValue()).body("data.max_length", equalTo(50));
        Api.as(key).when().get("/v1/events?type=custom_field.archived").then()
                .body("data.size()", equalTo(1))
                .body("data[0].data.key", equalTo("legacy_code"))
                .body("data[0].data.changes.archived_at.before", nullValue())
                .body("data[0].data.changes.archived_at.after", notNullValue());
        Api.as(key).when().get("/v1/events?type=custom_field.created").then()
                .body("data.size()", equalTo(2))
                .body("data[0].data.reactivated", equalTo(true));
    }

    @Test
    void listIsKeysetPaginated() {
        String key = Api.newOrganization();
        for (int i = 0; i < 7; i++) {
            define(key, field("f" + i, "BOOLEAN"));
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = Api.as(key).queryParam("limit", 3);
            if (cursor != null) {
                page = page.queryParam("cursor", cursor);
            }
            var answer = page.when().get("/v1/custom-fields").then().statusCode(200).extract();
            List<String> keys = answer.path("data.key");
            keys.forEach(k -> assertTrue(seen.add(k), "seen twice: " + k));
            cursor = answer.path("pagination.next_cursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(7, seen.size());
    }

    @Test
    void atMostOneHundredLiveDefinitionsEvenWhenCreatedConcurrently() throws Exception {
        String key = Api.newOrganization();
        for (int i = 0; i < 95; i++) {
            define(key, field("f" + i, "BOOLEAN"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                Map<String, Object> body = field("g" + i, "BOOLEAN");
                answers.add(pool.submit(() -> {
                    start.await();
                    return Api.as(key).body(body).when().post("/v1/custom-fields").then().extract().statusCode();
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get(60, TimeUnit.SECONDS);
                assertTrue(status == 201 || status == 422, "status " + status);
                created += status == 201 ? 1 : 0;
            }
            assertEquals(5, created);
        } finally {
            pool.shutdownNow();
        }
        Api.as(key).body(field("h", "BOOLEAN")).when().post("/v1/custom-fields").then().statusCode(422)
                .body("code", equalTo("CUSTOM_FIELD_LIMIT_REACHED"));
        // archiving one makes room
        Api.as(key).when().delete("/v1/custom-fields/f0").then().statusCode(200);
        define(key, field("h", "BOOLEAN"));
    }
}
