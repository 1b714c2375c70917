package eu.billing.customers.webhook;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import eu.billing.customers.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The production rules for targets, loopback not allowed: a literal internal address is refused
 * when the endpoint is written; a name is resolved at each delivery and refused, not called, when
 * it points inside (here localhost, whose address is loopback); an operator's allowed host is
 * called over plain http whatever it resolves to.
 */
@QuarkusTest
@TestProfile(WebhookTargetsTest.ProductionTargets.class)
class WebhookTargetsTest {

    public static class ProductionTargets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("customers.webhooks.allow-loopback", "false",
                    "customers.webhooks.allowed-hosts", "internal-billing.test,127.0.0.2");
        }
    }

    @Test
    void aNameThatResolvesInsideIsRefusedAtDeliveryAndNeverCalled() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String key = Api.newOrganization();
            Api.as(key).body(Map.of("url", receiver.url("/literal"), "enabled_events", List.of("*")))
                    .when().post("/v1/webhook-endpoints").then().statusCode(400)
                    .body("errors[0].message", containsString("https"));
            Api.as(key).body(Map.of("url", "https://127.0.0.1:" + receiver.port() + "/literal", "enabled_events", List.of("*")))
                    .when().post("/v1/webhook-endpoints").then().statusCode(400)
                    .body("errors[0].message", containsString("loopback"));
            Api.as(key).body(Map.of("url", "https://[::1]:" + receiver.port() + "/literal", "enabled_events", List.of("*")))
                    .when().post("/v1/webhook-endpoints").then().statusCode(400);

            // a name passes when written: it is checked where it resolves, at every delivery
            String id = Api.as(key).body(Map.of("url", "https://localhost:" + receiver.port() + "/named",
                    "enabled_events", List.of("customer.created"))).when().post("/v1/webhook-endpoints")
                    .then().statusCode(201).extract().path("data.id");
            Api.createCustomer(key, Api.customer("Named"));
            WebhookReceiver.waitFor(() -> WebhookDeliveryTest.attempts(key, id).getList("data").size() >= 1,
                    Duration.ofSeconds(10), () -> "an attempt");
            JsonPath log = WebhookDeliveryTest.attempts(key, id);
            assertEquals("failed", log.getString("data[0].outcome"));
            assertTrue(log.getString("data[0].error").startsWith("refused: localhost resolves to 127.0.0.1, a loopback address"),
                    log.getString("data[0].error"));
            assertEquals(List.of(), receiver.all(), "a refused target is never called");
        }
    }

    @Test
    void anAllowedInternalHostIsCalledOverHttp() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String key = Api.newOrganization();
            // 127.0.0.2 is loopback too; the receiver listens on 127.0.0.1 only, so a call fails with a
            // refused connection, which shows it was attempted rather than refused by the rules
            String id = Api.as(key).body(Map.of("url", "http://127.0.0.2:" + receiver.port() + "/allowed",
                    "enabled_events", List.of("customer.created"))).when().post("/v1/webhook-endpoints")
                    .then().statusCode(201).body("data.url", containsString("127.0.0.2")).extract().path("data.id");
            Api.createCustomer(key, Api.customer("Allowed"));
            WebhookReceiver.waitFor(() -> WebhookDeliveryTest.attempts(key, id).getList("data").size() >= 1,
                    Duration.ofSeconds(10), () -> "an attempt");
            String error = WebhookDeliveryTest.attempts(key, id).getString("data[0].error");
            assertTrue(error == null || !error.startsWith("refused:"), error);
            Api.as(key).body(Map.of("url", "http://internal-billing.test/hook", "enabled_events", List.of("*")))
                    .when().post("/v1/webhook-endpoints").then().statusCode(201)
                    .body("data.url", equalTo("http://internal-billing.test/hook"));
        }
    }
}
