package eu.billing.customers.webhook;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Endpoints of an organization: create (secret shown once), read, list, update, delete, roll; ETags and events. */
@QuarkusTest
class WebhookEndpointsTest {

    static Map<String, Object> endpoint(String url, List<String> events) {
        return Map.of("url", url, "description", "Invoicing", "enabled_events", events);
    }

    @Test
    void createShowsTheSecretOnceAndRecordsAnEvent() {
        String key = Api.newOrganization();
        var created = Api.as(key).body(endpoint("https://hooks.example.com/billing", List.of("customer.created")))
                .when().post("/v1/webhook-endpoints")
                .then().statusCode(201).header("ETag", "\"1\"")
                .header("Location", containsString("/v1/webhook-endpoints/"))
                .body("data.secret", startsWith("whsec_"))
                .body("data.url", equalTo("https://hooks.example.com/billing"))
                .body("data.enabled_events", equalTo(List.of("customer.created")))
                .body("data.disabled", equalTo(false))
                .body("data.version", equalTo(1))
                .extract().jsonPath();
        String id = created.getString("data.id");
        String secret = created.getString("data.secret");
        assertEquals(32, java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())).length);

        Api.as(key).when().get("/v1/webhook-endpoints/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("data.secret", nullValue());
        Api.as(key).when().get("/v1/webhook-endpoints")
                .then().statusCode(200).body("data", hasSize(1)).body("data[0].id", equalTo(id))
                .body("data[0].secret", nullValue()).body("pagination.has_more", equalTo(false));

        JsonPath event = Api.as(key).when().get("/v1/events?type=webhook_endpoint.created")
                .then().statusCode(200).body("data", hasSize(1)).extract().jsonPath();
        assertEquals(id, event.getString("data[0].data.webhook_endpoint_id"));
        assertNull(event.get("data[0].customer_id"));
        assertEquals("https://hooks.example.com/billing", event.getString("data[0].data.changes.url.after"));
        assertTrue(!event.prettify().contains(secret), "the secret is never in an event");
    }

    @Test
    void updateIsPartialAndConditional() {
        String key = Api.newOrganization();
        String id = Api.as(key).body(endpoint("https://hooks.example.com/a", List.of("*")))
                .when().post("/v1/webhook-endpoints").then().statusCode(201).extract().path("data.id");

        Api.as(key).header("If-Match", "\"7\"").body(Map.of("description", "x"))
                .when().patch("/v1/webhook-endpoints/" + id)
                .then().statusCode(412).body("code", equalTo("VERSION_CONFLICT"));
        Api.as(key).header("If-Match", "\"1\"")
                .body(Map.of("enabled_events", List.of("customer.updated", "customer.archived"), "disabled", true))
                .when().patch("/v1/webhook-endpoints/" + id)
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("data.description", equalTo("Invoicing"))
                .body("data.enabled_events", equalTo(List.of("customer.updated", "customer.archived")))
                .body("data.disabled", equalTo(true)).body("data.disabled_reason", equalTo("manual"))
                .body("data.secret", nullValue());
        Api.as(key).body(Map.of("disabled", false)).when().patch("/v1/webhook-endpoints/" + id)
                .then().statusCode(200).body("data.disabled", equalTo(false)).body("data.disabled_reason", nullValue())
                .body("data.version", equalTo(3));
        // nothing changes: no new version, no event
        Api.as(key).body(Map.of("disabled", false)).when().patch("/v1/webhook-endpoints/" + id)
                .then().statusCode(200).body("data.version", equalTo(3));
        Api.as(key).when().get("/v1/events?type=webhook_endpoint.updated")
                .then().statusCode(200).body("data", hasSize(2))
                .body("data[1].data.changes.disabled.after", equalTo(true));
    }

    @Test
    void badInputNamesEveryField() {
        String key = Api.newOrganization();
        Api.as(key).body(Map.of()).when().post("/v1/webhook-endpoints")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("url")).body("errors.field", hasItem("enabled_events"));
        Api.as(key).body(endpoint("https://hooks.example.com/x", List.of("customer.udpated", "*")))
                .when().post("/v1/webhook-endpoints")
                .then().statusCode(400).body("errors.field", hasItem("enabled_events[0]"))
                .body("errors.field", hasItem("enabled_events"));
        Api.as(key).body(endpoint("https://hooks.example.com/x", List.of()))
                .when().post("/v1/webhook-endpoints").then().statusCode(400).body("errors.field", hasItem("enabled_events"));
        for (String url : List.of("hooks.example.com/x", "ftp://hooks.example.com/x", "https://user:pw@hooks.example.com/",
                "http://hooks.example.com/plain")) {
            Api.as(key).body(endpoint(url, List.of("*"))).when().post("/v1/webhook-endpoints")
                    .then().statusCode(400).body("errors[0].field", equalTo("url"));
        }
        Api.as(key).body(Map.of("url", 5)).when().post("/v1/webhook-endpoints")
                .then().statusCode(400).body("errors.field", hasItem("url"));
        Api.as(key).when().get("/v1/webhook-endpoints/not-a-uuid").then().statusCode(400).body("code", equalTo("INVALID_ID"));
        Api.as(key).when().get("/v1/webhook-endpoints/" + java.util.UUID.randomUUID())
                .then().statusCode(404).body("code", equalTo("WEBHOOK_ENDPOINT_NOT_FOUND"));
    }

    /** Literal internal addresses are refused when the endpoint is written, whatever the profile allows for loopback. */
    @Test
    void internalAddressesAreRefused() {
        String key = Api.newOrganization();
        for (String url : List.of("https://10.0.0.5/hook", "https://192.168.1.1/hook", "https://172.16.0.1/hook",
                "https://169.254.169.254/latest/meta-data", "https://[fd00::1]/hook", "https://[fe80::1]/hook",
                "https://0.0.0.0/hook", "https://100.64.0.1/hook", "https://[::ffff:10.0.0.1]/hook")) {
            Api.as(key).body(endpoint(url, List.of("*"))).when().post("/v1/webhook-endpoints")
                    .then().statusCode(400).body("errors[0].field", equalTo("url"))
                    .body("errors[0].message", containsString("public host"));
        }
        // the test profile allows loopback over http (dev and test only)
        Api.as(key).body(endpoint("http://127.0.0.1:9/hook", List.of("*"))).when().post("/v1/webhook-endpoints")
                .then().statusCode(201);
    }

    @Test
    void rollingKeepsThePreviousSecretForTheOverlap() {
        String key = Api.newOrganization();
        var created = Api.as(key).body(endpoint("https://hooks.example.com/r", List.of("*")))
                .when().post("/v1/webhook-endpoints").then().statusCode(201).extract().jsonPath();
        String id = created.getString("data.id");
        String first = created.getString("data.secret");

        var rolled = Api.as(key).header("If-Match", "\"1\"").when().post("/v1/webhook-endpoints/" + id + "/secret/roll")
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("data.secret", startsWith("whsec_"))
                .body("data.previous_secret_expires_at", notNullValue())
                .extract().jsonPath();
        assertNotEquals(first, rolled.getString("data.secret"));
        java.time.Instant until = java.time.Instant.parse(rolled.getString("data.previous_secret_expires_at"));
        java.time.Duration left = java.time.Duration.between(java.time.Instant.now(), until);
        assertTrue(left.compareTo(java.time.Duration.ofHours(23)) > 0 && left.compareTo(java.time.Duration.ofHours(25)) < 0,
                "24 hours by default: " + left);
        Api.as(key).body(Map.of("expires_in", 60)).when().post("/v1/webhook-endpoints/" + id + "/secret/roll")
                .then().statusCode(200).body("data.version", equalTo(3));
        Api.as(key).body(Map.of("expires_in", 0)).when().post("/v1/webhook-endpoints/" + id + "/secret/roll")
                .then().statusCode(200).body("data.previous_secret_expires_at", nullValue());
        Api.as(key).body(Map.of("expires_in", -1)).when().post("/v1/webhook-endpoints/" + id + "/secret/roll")
                .then().statusCode(400).body("errors[0].field", equalTo("expires_in"));
        Api.as(key).header("If-Match", "\"1\"").when().post("/v1/webhook-endpoints/" + id + "/secret/roll")
                .then().statusCode(412);
        Api.as(key).when().get("/v1/events?type=webhook_endpoint.secret_rolled")
                .then().statusCode(200).body("data", hasSize(3));
    }

    @Test
    void deleteIsConditionalAndFinal() {
        String key = Api.newOrganization();
        String id = Api.as(key).body(endpoint("https://hooks.example.com/d", List.of("*")))
                .when().post("/v1/webhook-endpoints").then().statusCode(201).extract().path("data.id");
        Api.as(key).header("If-Match", "\"2\"").when().delete("/v1/webhook-endpoints/" + id).then().statusCode(412);
        Api.as(key).header("If-Match", "\"1\"").when().delete("/v1/webhook-endpoints/" + id).then().statusCode(200)
                .body("data.id", equalTo(id));
        Api.as(key).when().get("/v1/webhook-endpoints/" + id).then().statusCode(404);
        Api.as(key).when().delete("/v1/webhook-endpoints/" + id).then().statusCode(404);
        Api.as(key).when().get("/v1/events?type=webhook_endpoint.deleted")
                .then().statusCode(200).body("data", hasSize(1))
                .body("data[0].data.endpoint.url", equalTo("https://hooks.example.com/d"));
    }

    @Test
    void anotherOrganizationSeesNothing() {
        String a = Api.newOrganization();
        String b = Api.newOrganization();
        String id = Api.as(a).body(endpoint("https://hooks.example.com/t", List.of("*")))
                .when().post("/v1/webhook-endpoints").then().statusCode(201).extract().path("data.id");
        Api.as(b).when().get("/v1/webhook-endpoints/" + id).then().statusCode(404);
        Api.as(b).body(Map.of("description", "mine")).when().patch("/v1/webhook-endpoints/" + id).then().statusCode(404);
        Api.as(b).when().post("/v1/webhook-endpoints/" + id + "/secret/roll").then().statusCode(404);
        Api.as(b).when().delete("/v1/webhook-endpoints/" + id).then().statusCode(404);
        Api.as(b).when().get("/v1/webhook-endpoints").then().statusCode(200).body("data", hasSize(0));
        Api.as(a).when().get("/v1/webhook-endpoints/" + id).then().statusCode(200).body("data.description", equalTo("Invoicing"));
    }

    @Test
    void anOrganizationHasAtMostTwentyEndpoints() {
        String key = Api.newOrganization();
        for (int i = 0; i < WebhookEndpoints.MAX_PER_ORGANIZATION; i++) {
            Api.as(key).body(endpoint("https://hooks.example.com/" + i, List.of("*"))).when().post("/v1/webhook-endpoints")
                    .then().statusCode(201);
        }
        Api.as(key).body(endpoint("https://hooks.example.com/21", List.of("*"))).when().post("/v1/webhook-endpoints")
                .then().statusCode(409).body("code", equalTo("WEBHOOK_ENDPOINT_LIMIT_REACHED"));
        Api.as(key).when().get("/v1/webhook-endpoints?limit=15").then().statusCode(200).body("data", hasSize(15))
                .body("pagination.has_more", equalTo(true));
    }
}
