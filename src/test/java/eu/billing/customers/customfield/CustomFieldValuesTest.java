package eu.billing.customers.customfield;

import static eu.billing.customers.customfield.CustomFieldDefinitionsTest.define;
import static eu.billing.customers.customfield.CustomFieldDefinitionsTest.field;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Custom field values on customers through HTTP: types, required, PATCH merge, upsert, archive, filter, merge. */
@QuarkusTest
class CustomFieldValuesTest {

    /** An organization with one field of each type; answers its API key. */
    static String organizationWithFields() {
        String key = Api.newOrganization();
        define(key, field("cost_centre", "ENUM", "options", List.of("sales", "support", "rnd")));
        define(key, field("po_number", "STRING", "max_length", 8));
        define(key, field("seats", "NUMBER"));
        define(key, field("print_po", "BOOLEAN"));
        define(key, field("contract_end", "DATE"));
        return key;
    }

    static Map<String, Object> customer(Object... customFields) {
        Map<String, Object> body = Api.customer("Acme " + Api.externalId());
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < customFields.length; i += 2) {
            values.put((String) customFields[i], customFields[i + 1]);
        }
        body.put("custom_fields", values);
        return body;
    }

    @Test
    void everyTypeIsStoredAndAnsweredInItsJsonForm() {
        String key = organizationWithFields();
        String id = Api.as(key).body(customer("cost_centre", "sales", "po_number", "PO-1", "seats", "12.50",
                "print_po", true, "contract_end", "2027-02-28"))
                .when().post("/v1/customers").then().statusCode(201)
                .body("data.custom_fields.cost_centre", equalTo("sales"))
                .body("data.custom_fields.po_number", equalTo("PO-1"))
                .body("data.custom_fields.seats", equalTo("12.5"))
                .body("data.custom_fields.print_po", equalTo(true))
                .body("data.custom_fields.contract_end", equalTo("2027-02-28"))
                .extract().path("data.id");
        Api.as(key).when().get("/v1/customers/" + id).then().statusCode(200)
                .body("data.custom_fields.seats", equalTo("12.5"))
                .body("data.custom_fields.print_po", equalTo(true));
        Api.as(key).when().get("/v1/events?type=customer.created&customer_id=" + id).then()
                .body("data[0].data.changes.custom_fields.after.cost_centre", equalTo("sales"));
        // a customer without values answers an empty object
        Api.as(key).body(Api.customer("Plain")).when().post("/v1/customers").then().statusCode(201)
                .body("data.custom_fields", equalTo(Map.of()));
    }

    @Test
    void everyBadValueIsNamedAtOnceAndNothingIsWritten() {
        String key = organizationWithFields();
        String ext = Api.externalId();
        Map<String, Object> body = customer("cost_centre", "marketing", "po_number", "PO-123456789",
                "seats", 12.5, "print_po", "yes", "contract_end", "2027-02-30", "unknown_key", "x");
        body.put("external_id", ext);
        Api.as(key).body(body).when().post("/v1/customers").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", containsInAnyOrder("custom_fields.cost_centre", "custom_fields.po_number",
                        "custom_fields.seats", "custom_fields.print_po", "custom_fields.contract_end",
                        "custom_fields.unknown_key"));
        for (Object[] bad : List.of(new Object[] { "seats", "1e3" }, new Object[] { "seats", "12." },
                new Object[] { "seats", true }, new Object[] { "contract_end", "28.02.2027" },
                new Object[] { "contract_end", 20270228 }, new Object[] { "cost_centre", "Sales" },
                new Object[] { "po_number", "" }, new Object[] { "po_number", List.of("a") },
                new Object[] { "print_po", 1 })) {
            Api.as(key).body(customer(bad)).when().post("/v1/customers").then().statusCode(400)
                    .body("errors.field", hasItem("custom_fields." + bad[0]));
        }
        Api.as(key).when().get("/v1/customers").then().body("data.size()", equalTo(0));
        Api.as(key).when().get("/v1/events").then().body("data.type", not(hasItem("customer.created")));
    }

    @Test
    void patchMergesKeyByKeyNullRemovesAndVersionGoesUpOnce() {
        String key = organizationWithFields();
        String id = Api.createCustomer(key, customer("cost_centre", "sales", "po_number", "A1", "seats", "3"));
        Map<String, Object> patch = new HashMap<>();
        Map<String, Object> values = new HashMap<>();
        values.put("po_number", null);
        values.put("seats", "4.0");
        values.put("print_po", false);
        patch.put("custom_fields", values);
        patch.put("name", "Renamed");
        Api.as(key).header("If-Match", "\"1\"").body(patch).when().patch("/v1/customers/" + id)
                .then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("data.custom_fields", equalTo(Map.of("cost_centre", "sales", "seats", "4", "print_po", false)));
        Api.as(key).when().get("/v1/events?type=customer.updated&customer_id=" + id).then()
                .body("data.size()", equalTo(1))
                .body("data[0].data.changes.custom_fields.before",
                        equalTo(Map.of("cost_centre", "sales", "po_number", "A1", "seats", "3")))
                .body("data[0].data.changes.custom_fields.after",
                        equalTo(Map.of("cost_centre", "sales", "seats", "4", "print_po", false)))
                .body("data[0].data.changes.name.after", equalTo("Renamed"));
        // sending the values it has changes nothing: no event, same version
        Api.as(key).body(Map.of("custom_fields", Map.of("seats", "4.000"))).when().patch("/v1/customers/" + id)
                .then().statusCode(200).header("ETag", "\"2\"");
        // a bad value in a PATCH writes nothing, not even the valid fields beside it
        Api.as(key).body(Map.of("name", "Other", "custom_fields", Map.of("seats", "x"))).when()
                .patch("/v1/customers/" + id).then().statusCode(400);
        Api.as(key).when().get("/v1/customers/" + id).then().body("data.name", equalTo("Renamed"))
                .body("data.version", equalTo(2));
        // custom_fields itself cannot be null (metadata can)
        Map<String, Object> clear = new HashMap<>();
        clear.put("custom_fields", null);
        Api.as(key).body(clear).when().patch("/v1/customers/" + id).then().statusCode(400)
                .body("errors.field", hasItem("custom_fields"));
    }

    @Test
    void upsertMergesTheValuesSent() {
        String key = organizationWithFields();
        String ext = Api.externalId();
        Map<String, Object> first = customer("cost_centre", "rnd", "seats", "1");
        first.put("external_id", ext);
        String id = Api.createCustomer(key, first);
        Map<String, Object> again = customer("seats", "2");
        again.put("external_id", ext);
        Api.as(key).body(again).when().post("/v1/customers").then().statusCode(200)
                .body("data.id", equalTo(id))
                .body("data.custom_fields", equalTo(Map.of("cost_centre", "rnd", "seats", "2")));
        Map<String, Object> bad = customer("seats", "two");
        bad.put("external_id", ext);
        Api.as(key).body(bad).when().post("/v1/customers").then().statusCode(400)
                .body("errors.field", hasItem("custom_fields.seats"));
    }

    @Test
    void requiredFieldsOnCreateAndNeverRemoved() {
        String key = Api.newOrganization();
        define(key, field("tier", "ENUM", "options", List.of("gold", "silver"), "required", true));
        Api.as(key).body(Api.customer("No tier")).when().post("/v1/customers").then().statusCode(400)
                .body("errors.field", equalTo(List.of("custom_fields.tier")))
                .body("errors.message", hasItem("is required"));
        String id = Api.createCustomer(key, customer("tier", "gold"));
        Map<String, Object> remove = new HashMap<>();
        remove.put("tier", null);
        Api.as(key).body(Map.of("custom_fields", remove)).when().patch("/v1/customers/" + id).then().statusCode(400)
                .body("errors.field", hasItem("custom_fields.tier"));
        // a PATCH without custom_fields does not need them
        Api.as(key).body(Map.of("name", "Renamed")).when().patch("/v1/customers/" + id).then().statusCode(200);
    }

    @Test
    void definitionChangesThatInvalidateStoredValuesAre409WithTheCount() {
        String key = organizationWithFields();
        Api.createCustomer(key, customer("cost_centre", "sales", "po_number", "ABCDEFGH", "seats", "1"));
        Api.createCustomer(key, customer("cost_centre", "sales", "po_number", "ABC"));
        String archived = Api.createCustomer(key, customer("cost_centre", "support", "po_number", "ABCDEF"));
        Api.as(key).when().delete("/v1/customers/" + archived).then().statusCode(200);

        Api.as(key).body(Map.of("type", "STRING")).when().patch("/v1/custom-fields/seats").then().statusCode(409)
                .body("code", equalTo("CUSTOM_FIELD_TYPE_IN_USE")).body("affected_customers", equalTo(1));
        Api.as(key).body(Map.of("options", List.of("rnd"))).when().patch("/v1/custom-fields/cost_centre")
                .then().statusCode(409).body("code", equalTo("CUSTOM_FIELD_OPTION_IN_USE"))
                .body("affected_customers", equalTo(3)); // the archived customer's value is stored too
        Api.as(key).body(Map.of("options", List.of("sales", "rnd"))).when().patch("/v1/custom-fields/cost_centre")
                .then().statusCode(409).body("affected_customers", equalTo(1));
        Api.as(key).body(Map.of("max_length", 5)).when().patch("/v1/custom-fields/po_number").then().statusCode(409)
                .body("code", equalTo("CUSTOM_FIELD_VALUE_TOO_LONG")).body("affected_customers", equalTo(2));
        Api.as(key).body(Map.of("required", true)).when().patch("/v1/custom-fields/seats").then().statusCode(409)
                .body("code", equalTo("CUSTOM_FIELD_REQUIRED_MISSING")).body("affected_customers", equalTo(1));
        Api.as(key).body(Map.of("required", true)).when().patch("/v1/custom-fields/cost_centre").then()
                .statusCode(200).body("data.required", equalTo(true)); // the archived customer does not count
        // a new required field while live customers exist: they all lack it
        Api.as(key).body(field("region", "STRING", "required", true)).when().post("/v1/custom-fields").then()
                .statusCode(409).body("code", equalTo("CUSTOM_FIELD_REQUIRED_MISSING"))
                .body("affected_customers", equalTo(2));
        // what fits is allowed: adding options, raising max_length, a value-less type change
        Api.as(key).body(Map.of("options", List.of("sales", "support", "rnd", "ops"))).when()
                .patch("/v1/custom-fields/cost_centre").then().statusCode(200);
        Api.as(key).body(Map.of("max_length", 10)).when().patch("/v1/custom-fields/po_number").then().statusCode(200);
        Api.as(key).body(Map.of("type", "STRING")).when().patch("/v1/custom-fields/print_po").then().statusCode(200);
        Api.as(key).when().get("/v1/events?type=custom_field.updated").then().body("data.size()", equalTo(4));
    }

    @Test
    void archivedFieldsKeepTheirValuesAndRefuseNewOnes() {
        String key = organizationWithFields();
        String id = Api.createCustomer(key, customer("cost_centre", "sales", "seats", "7"));
        Api.as(key).when().delete("/v1/custom-fields/seats").then().statusCode(200);
        Api.as(key).when().get("/v1/customers/" + id).then().body("data.custom_fields.seats", equalTo("7"));
        Api.as(key).body(Map.of("custom_fields", Map.of("seats", "8"))).when().patch("/v1/customers/" + id)
                .then().statusCode(400).body("errors.field", hasItem("custom_fields.seats"));
        Api.as(key).body(customer("seats", "1")).when().post("/v1/customers").then().statusCode(400);
        // other values still change; the archived one stays
        Api.as(key).body(Map.of("custom_fields", Map.of("cost_centre", "rnd"))).when().patch("/v1/customers/" + id)
                .then().statusCode(200).body("data.custom_fields.seats", equalTo("7"));
        // the archived key cannot come back as another type while values are stored, and as NUMBER it can
        Api.as(key).body(field("seats", "STRING")).when().post("/v1/custom-fields").then().statusCode(409)
                .body("code", equalTo("CUSTOM_FIELD_KEY_ARCHIVED"));
        // null removes an archived field's value
        Map<String, Object> remove = new HashMap<>();
        remove.put("seats", null);
        Api.as(key).body(Map.of("custom_fields", remove)).when().patch("/v1/customers/" + id).then().statusCode(200)
                .body("data.custom_fields", not(hasKey("seats")));
    }

    @Test
    void anotherOrganizationCanNeitherSeeNorUseTheDefinitions() {
        String a = organizationWithFields();
        String b = Api.newOrganization();
        Api.as(b).body(customer("cost_centre", "sales")).when().post("/v1/customers").then().statusCode(400)
                .body("errors.field", hasItem("custom_fields.cost_centre"));
        Api.as(b).queryParam("custom_fields[cost_centre]", "sales").when().get("/v1/customers").then()
                .statusCode(400).body("errors.field", hasItem("custom_fields[cost_centre]"));
        Api.as(a).queryParam("custom_fields[cost_centre]", "sales").when().get("/v1/customers").then()
                .statusCode(200);
    }

    @Test
    void filterByCustomFieldsWalksEveryMatchingCustomerOnce() {
        String key = organizationWithFields();
        Set<String> goldSales = new HashSet<>();
        Set<String> salesVip = new HashSet<>();
        for (int i = 0; i < 24; i++) {
            Map<String, Object> body = customer("cost_centre", i % 3 == 0 ? "sales" : "rnd", "print_po", i % 2 == 0,
                    "seats", i % 4 == 0 ? "10.50" : "2");
            body.put("tags", i % 5 == 0 ? List.of("vip") : List.of());
            String id = Api.createCustomer(key, body);
            if (i % 3 == 0 && i % 2 == 0) {
                goldSales.add(id);
            }
            if (i % 3 == 0 && i % 5 == 0) {
                salesVip.add(id);
            }
        }
        assertEquals(goldSales, walk(key, Map.of("custom_fields[cost_centre]", "sales",
                "custom_fields[print_po]", "true")));
        assertEquals(salesVip, walk(key, Map.of("custom_fields[cost_centre]", "sales", "tags", "vip")));
        assertEquals(6, walk(key, Map.of("custom_fields[seats]", "10.5")).size());
        assertEquals(6, walk(key, Map.of("custom_fields[seats]", "10.500", "status", "ACTIVE")).size());
        assertEquals(0, walk(key, Map.of("custom_fields[contract_end]", "2030-01-01")).size());
        Api.as(key).queryParam("custom_fields[nope]", "x").when().get("/v1/customers").then().statusCode(400)
                .body("errors.field", hasItem("custom_fields[nope]"));
        Api.as(key).queryParam("custom_fields[print_po]", "yes").when().get("/v1/customers").then().statusCode(400);
        Api.as(key).queryParam("custom_fields[seats]", "many").when().get("/v1/customers").then().statusCode(400);
        // a cursor belongs to its filter
        String cursor = Api.as(key).queryParam("custom_fields[cost_centre]", "rnd").queryParam("limit", 2).when()
                .get("/v1/customers").then().statusCode(200).extract().path("pagination.next_cursor");
        Api.as(key).queryParam("custom_fields[cost_centre]", "sales").queryParam("cursor", cursor).when()
                .get("/v1/customers").then().statusCode(400).body("code", equalTo("INVALID_CURSOR"));
    }

    /** Every customer of a filtered listing, walking pages of 3; fails on a customer seen twice. */
    static Set<String> walk(String key, Map<String, String> query) {
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            var request = Api.as(key).queryParam("limit", 3).queryParams(query);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            ExtractableResponse<Response> page = request.when().get("/v1/customers").then().statusCode(200).extract();
            List<String> ids = page.path("data.id");
            ids.forEach(id -> assertTrue(seen.add(id), "twice: " + id));
            cursor = page.path("pagination.next_cursor");
        } while (cursor != null);
        return seen;
    }

    @Test
    void mergeKeepsTheTargetsValuesAndFillsTheKeysItLacks() {
        String key = organizationWithFields();
        for (String strategy : List.of("KEEP_TARGET", "FILL_FROM_SOURCE")) {
            String source = Api.createCustomer(key, customer("cost_centre", "sales", "seats", "5", "print_po", true));
            String target = Api.createCustomer(key, customer("cost_centre", "rnd"));
            Api.as(key).when().delete("/v1/custom-fields/print_po").then().statusCode(200);
            Api.as(key).body(Map.of("source_customer_id", source, "target_customer_id", target, "strategy", strategy))
                    .when().post("/v1/customers/merge").then().statusCode(200);
            Api.as(key).when().get("/v1/customers/" + target).then()
                    .body("data.custom_fields", equalTo(Map.of("cost_centre", "rnd", "seats", "5", "print_po", true)));
            Api.as(key).when().get("/v1/events?type=customer.merged&customer_id=" + target).then()
                    .body("data[0].data.changes.custom_fields.after.seats", equalTo("5"));
            Api.as(key).body(field("print_po", "BOOLEAN")).when().post("/v1/custom-fields").then().statusCode(201);
        }
    }

    @Test
    void aNumberKeepsItsDigits() {
        String key = organizationWithFields();
        List<String> sent = List.of("0.00", "-0", "123456789012345678.12345678", "-1.10", "100");
        List<String> answered = new ArrayList<>();
        for (String value : sent) {
            answered.add(Api.as(key).body(customer("seats", value)).when().post("/v1/customers").then()
                    .statusCode(201).extract().path("data.custom_fields.seats"));
        }
        assertEquals(List.of("0", "0", "123456789012345678.12345678", "-1.1", "100"), answered);
        Api.as(key).body(customer("seats", "1234567890123456789")).when().post("/v1/customers").then()
                .statusCode(400);
        Api.as(key).body(Map.of("name", "x", "custom_fields", Map.of("contract_end", "2028-02-29"))).when()
                .post("/v1/customers").then().statusCode(201).body("data.custom_fields.contract_end", equalTo("2028-02-29"));
        Api.as(key).body(Map.of("name", "x", "metadata", Map.of("k", "v"))).when().post("/v1/customers").then()
                .statusCode(201).body("data.custom_fields.seats", nullValue());
    }
}
