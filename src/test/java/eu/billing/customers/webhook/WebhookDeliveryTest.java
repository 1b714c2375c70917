package eu.billing.customers.webhook;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import eu.billing.customers.support.Api;
import eu.billing.customers.support.TestClock;
import eu.billing.customers.support.WebhookReceiver;
import eu.billing.customers.support.WebhookReceiver.Answer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Deliveries to a real HTTP receiver on loopback: the body and headers of Standard Webhooks, checked
 * with the Standard Webhooks reference library; retries on 500, timeout, redirect and refused
 * connections on a growing schedule (moving the service's clock); giving up and disabling after the
 * retry window; rolled secrets signing side by side; the delivery log, retry and replay.
 */
@QuarkusTest
class WebhookDeliveryTest {

    static WebhookReceiver receiver;
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestClock clock;

    @Inject
    DeliveryWorker worker;

    @Inject
    AttemptPruning pruning;

    @BeforeAll
    static void start() {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static JsonPath createEndpoint(String key, String url, List<String> events) {
        return Api.as(key).body(Map.of("url", url, "enabled_events", events)).when().post("/v1/webhook-endpoints")
                .then().statusCode(201).extract().jsonPath();
    }

    static JsonPath attempts(String key, String endpointId) {
        return Api.as(key).when().get("/v1/webhook-endpoints/" + endpointId + "/deliveries?limit=100")
                .then().statusCode(200).extract().jsonPath();
    }

    static void verify(String secret, WebhookReceiver.Received r) throws Exception {
        new Webhook(secret).verify(r.body(), r.headers());
    }

    @Test
    void anEventArrivesSignedAndExactlyAsTheEventsListShowsIt() throws Exception {
        String key = Api.newOrganization();
        JsonPath endpoint = createEndpoint(key, receiver.url("/signed"), List.of("customer.created"));
        String secret = endpoint.getString("data.secret");
        String customerId = Api.createCustomer(key, Api.customer("Acme"));

        WebhookReceiver.Received r = receiver.await("/signed", 1, Duration.ofSeconds(10)).get(0);
        verify(secret, r); // the reference library of Standard Webhooks accepts it
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])).verify(r.body(), r.headers()));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(secret).verify(r.body() + " ", r.headers()));

        JsonNode listed = JSON.readTree(Api.as(key).when().get("/v1/events?type=customer.created").then().statusCode(200)
                .extract().asString()).path("data").path(0);
        assertEquals(listed, JSON.readTree(r.body()), "the body is the event as GET /v1/events shows it");
        assertEquals(listed.path("id").asText(), r.header("webhook-id"));
        assertEquals(customerId, listed.path("customer_id").asText());
        long timestamp = Long.parseLong(r.header("webhook-timestamp"));
        assertTrue(Math.abs(timestamp - Instant.now().getEpochSecond()) < 30);
        assertTrue(r.header("webhook-signature").matches("v1,[A-Za-z0-9+/]+=*"), r.header("webhook-signature"));
        assertEquals("application/json", r.header("content-type"));

        JsonPath log = attempts(key, endpoint.getString("data.id"));
        assertEquals(1, log.getList("data").size());
        assertEquals("succeeded", log.getString("data[0].outcome"));
        assertEquals(200, log.getInt("data[0].status_code"));
        assertEquals(1, log.getInt("data[0].attempt"));
        assertEquals(listed.path("id").asText(), log.getString("data[0].event_id"));
        assertNull(log.get("data[0].next_attempt_at"));
        // only the types asked for: an update is not sent
        Api.as(key).body(Map.of("name", "Acme 2")).when().patch("/v1/customers/" + customerId).then().statusCode(200);
        Api.createCustomer(key, Api.customer("Second"));
        receiver.await("/signed", 2, Duration.ofSeconds(10));
        Thread.sleep(300);
        assertEquals(2, receiver.received("/signed").size());
        assertTrue(receiver.received("/signed").stream().allMatch(x -> x.body().contains("\"customer.created\"")));
    }

    @Test
    void failuresAreRetriedOnAGrowingSchedule() {
        String key = Api.newOrganization();
        receiver.answer("/fails", Answer.status(500));
        String id = createEndpoint(key, receiver.url("/fails"), List.of("customer.created")).getString("data.id");
        Api.createCustomer(key, Api.customer("Retry"));
        receiver.await("/fails", 1, Duration.ofSeconds(10));
        awaitAttempts(key, id, 1);

        List<Duration> expected = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2));
        for (int n = 1; n <= expected.size(); n++) {
            JsonPath log = attempts(key, id);
            assertEquals("failed", log.getString("data[0].outcome"));
            assertEquals(500, log.getInt("data[0].status_code"));
            assertEquals(n, log.getInt("data[0].attempt"));
            Instant at = Instant.parse(log.getString("data[0].attempted_at"));
            Instant next = Instant.parse(log.getString("data[0].next_attempt_at"));
            Duration wait = Duration.between(at, next);
            Duration nominal = expected.get(n - 1);
            assertTrue(wait.compareTo(nominal.multipliedBy(85).dividedBy(100)) > 0
                    && wait.compareTo(nominal.multipliedBy(115).dividedBy(100)) < 0, "attempt " + n + " waits " + wait);
            // not due yet: the scan sends nothing
            worker.runDue();
            assertEquals(n, receiver.received("/fails").size());
            clock.set(next.plusSeconds(1));
            worker.runDue();
            receiver.await("/fails", n + 1, Duration.ofSeconds(10));
            awaitAttempts(key, id, n + 1);
        }
    }

    @Test
    void timeoutsRedirectsAndRefusedConnectionsAreFailures() {
        String key = Api.newOrganization();
        receiver.answer("/slow", new Answer(200, Duration.ofMillis(2500), null));
        receiver.answer("/moved", new Answer(302, Duration.ZERO, receiver.url("/elsewhere")));
        String slow = createEndpoint(key, receiver.url("/slow"), List.of("customer.created")).getString("data.id");
        String moved = createEndpoint(key, receiver.url("/moved"), List.of("customer.created")).getString("data.id");
        String closed = createEndpoint(key, "http://127.0.0.1:9/closed", List.of("customer.created")).getString("data.id");
        Api.createCustomer(key, Api.customer("Faults"));

        Map<String, String> errors = Map.of(slow, "timeout", moved, "redirect 302 not followed", closed, "connection refused");
        errors.forEach((endpoint, error) -> {
            awaitAttempts(key, endpoint, 1);
            JsonPath log = attempts(key, endpoint);
            assertEquals("failed", log.getString("data[0].outcome"));
            assertTrue(log.getString("data[0].error").startsWith(error), log.getString("data[0].error"));
            assertNotNull(log.get("data[0].next_attempt_at"));
        });
        assertEquals(302, attempts(key, moved).getInt("data[0].status_code"));
        assertNull(attempts(key, closed).get("data[0].status_code"));
        assertEquals(List.of(), receiver.received("/elsewhere"), "redirects are not followed");
    }

    @Test
    void anEndpointFailingForThreeDaysIsDisabled() {
        String key = Api.newOrganization();
        receiver.answer("/down", Answer.status(503));
        String id = createEndpoint(key, receiver.url("/down"), List.of("customer.created")).getString("data.id");
        Api.createCustomer(key, Api.customer("Down"));
        awaitAttempts(key, id, 1);
        Api.as(key).when().get("/v1/webhook-endpoints/" + id).then().statusCode(200)
                .body("data.disabled", equalTo(false)).body("data.failing_since", org.hamcrest.Matchers.notNullValue());

        clock.advance(Duration.ofDays(3).plusMinutes(1));
        worker.runDue();
        awaitAttempts(key, id, 2);
        JsonPath log = attempts(key, id);
        assertEquals("gave_up", log.getString("data[0].outcome"));
        assertNull(log.get("data[0].next_attempt_at"));
        Api.as(key).when().get("/v1/webhook-endpoints/" + id).then().statusCode(200)
                .body("data.disabled", equalTo(true)).body("data.disabled_reason", equalTo("failing"));
        Api.as(key).when().get("/v1/events?type=webhook_endpoint.disabled").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].data.webhook_endpoint_id", equalTo(id))
                .body("data[0].actor.type", equalTo("system"));
        // disabled: new events are not queued for it
        int before = receiver.received("/down").size();
        Api.createCustomer(key, Api.customer("After"));
        worker.runDue();
        assertEquals(before, receiver.received("/down").size());
        Api.as(key).body(Map.of("from", "2026-01-01T00:00:00Z", "to", "2030-01-01T00:00:00Z"))
                .when().post("/v1/webhook-endpoints/" + id + "/replay").then().statusCode(409)
                .body("code", equalTo("WEBHOOK_ENDPOINT_DISABLED"));
    }

    @Test
    void aRolledSecretSignsBesideTheNewOneUntilItExpires() throws Exception {
        String key = Api.newOrganization();
        JsonPath endpoint = createEndpoint(key, receiver.url("/rolled"), List.of("customer.created"));
        String id = endpoint.getString("data.id");
        String old = endpoint.getString("data.secret");
        String fresh = Api.as(key).when().post("/v1/webhook-endpoints/" + id + "/secret/roll").then().statusCode(200)
                .extract().path("data.secret");
        Api.createCustomer(key, Api.customer("Rolled"));
        WebhookReceiver.Received r = receiver.await("/rolled", 1, Duration.ofSeconds(10)).get(0);
        assertEquals(2, r.header("webhook-signature").split(" ").length, r.header("webhook-signature"));
        verify(old, r);
        verify(fresh, r);

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        try {
            Api.createCustomer(key, Api.customer("Later"));
            WebhookReceiver.Received later = receiver.await("/rolled", 2, Duration.ofSeconds(10)).get(1);
            assertEquals(1, later.header("webhook-signature").split(" ").length);
            // the library checks the timestamp against its own clock: sign-check with ours
            assertEquals("v1," + WebhookSignature.sign(fresh, later.header("webhook-id"),
                    Long.parseLong(later.header("webhook-timestamp")), later.body()), later.header("webhook-signature"));
        } finally {
            clock.reset();
        }
    }

    @Test
    void aDeliveryCanBeRetriedAndARangeReplayed() throws Exception {
        String key = Api.newOrganization();
        JsonPath endpoint = createEndpoint(key, receiver.url("/replayed"), List.of("customer.created"));
        String id = endpoint.getString("data.id");
        Instant from = Instant.now().minusSeconds(5);
        Api.createCustomer(key, Api.customer("One"));
        Api.createCustomer(key, Api.customer("Two"));
        receiver.await("/replayed", 2, Duration.ofSeconds(10));
        awaitAttempts(key, id, 2);
        JsonPath log = attempts(key, id);
        String delivery = log.getString("data[0].delivery_id");
        String event = log.getString("data[0].event_id");

        Api.as(key).when().post("/v1/webhook-endpoints/" + id + "/deliveries/" + delivery + "/retry")
                .then().statusCode(202).body("data.delivery_id", equalTo(delivery)).body("data.event_id", equalTo(event));
        List<WebhookReceiver.Received> got = receiver.await("/replayed", 3, Duration.ofSeconds(10));
        assertEquals(event, got.get(2).header("webhook-id"), "a retry keeps the event id");
        verify(endpoint.getString("data.secret"), got.get(2));

        Api.as(key).body(Map.of("from", from.toString(), "to", Instant.now().plusSeconds(5).toString()))
                .when().post("/v1/webhook-endpoints/" + id + "/replay")
                .then().statusCode(202).body("data.deliveries", equalTo(2));
        receiver.await("/replayed", 5, Duration.ofSeconds(10));
        assertEquals(2, receiver.received("/replayed").stream().map(x -> x.header("webhook-id")).distinct().count());

        Api.as(key).when().post("/v1/webhook-endpoints/" + id + "/deliveries/" + java.util.UUID.randomUUID() + "/retry")
                .then().statusCode(404).body("code", equalTo("WEBHOOK_DELIVERY_NOT_FOUND"));
        Api.as(key).body(Map.of("from", Instant.now().toString(), "to", from.toString()))
                .when().post("/v1/webhook-endpoints/" + id + "/replay").then().statusCode(400);
        Api.as(key).body(Map.of("from", "+100000-01-01T00:00:00Z", "to", "+200000-01-01T00:00:00Z"))
                .when().post("/v1/webhook-endpoints/" + id + "/replay").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        String other = Api.newOrganization();
        Api.as(other).when().get("/v1/webhook-endpoints/" + id + "/deliveries").then().statusCode(404);
        Api.as(other).when().post("/v1/webhook-endpoints/" + id + "/deliveries/" + delivery + "/retry").then().statusCode(404);
        Api.as(other).body(Map.of("from", from.toString(), "to", Instant.now().toString()))
                .when().post("/v1/webhook-endpoints/" + id + "/replay").then().statusCode(404);
    }

    @Test
    void deliveryMetricsAreExported() {
        String key = Api.newOrganization();
        createEndpoint(key, receiver.url("/metered"), List.of("customer.created"));
        Api.createCustomer(key, Api.customer("Metered"));
        receiver.await("/metered", 1, Duration.ofSeconds(10));
        String metrics = io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("customers_webhooks_deliveries_total{outcome=\"succeeded\"}"), "deliveries by outcome");
        assertTrue(metrics.contains("customers_webhooks_attempt_duration_seconds_bucket"), "attempt latency");
    }

    static void awaitAttempts(String key, String endpointId, int count) {
        WebhookReceiver.waitFor(() -> attempts(key, endpointId).getList("data").size() >= count, Duration.ofSeconds(10),
                () -> "attempts of " + endpointId + ": " + attempts(key, endpointId).getList("data").size() + " of " + count);
    }

    @Test
    void theDeliveryLogKeepsThirtyDaysOfAttempts() {
        String key = Api.newOrganization();
        JsonPath endpoint = createEndpoint(key, receiver.url("/pruned"), List.of("customer.created"));
        String id = endpoint.getString("data.id");
        Api.createCustomer(key, Api.customer("Old"));
        receiver.await("/pruned", 1, Duration.ofSeconds(10));
        awaitAttempts(key, id, 1); // the attempt is recorded once its answer came back
        String old = attempts(key, id).getString("data[0].event_id");
        clock.advance(Duration.ofDays(30).plusHours(1));
        Api.createCustomer(key, Api.customer("Recent"));
        receiver.await("/pruned", 2, Duration.ofSeconds(10));
        WebhookReceiver.waitFor(() -> attempts(key, id).getList("data").size() == 2, Duration.ofSeconds(10), () -> "2 attempts");

        assertTrue(pruning.run().done() >= 1);
        JsonPath log = attempts(key, id);
        assertEquals(1, log.getList("data").size(), "the attempt older than 30 days is gone");
        assertTrue(!old.equals(log.getString("data[0].event_id")), "the recent one stays");
        assertEquals(0, pruning.run().done(), "nothing left to prune");
    }

    /**
     * A replay larger than one endpoint's lane (8 in flight + 32 waiting) drains without the scan
     * (off in tests): the deliveries the lane gave back come back through its own refill.
     */
    @Test
    void aBacklogLargerThanALaneDrainsThroughTheLanesRefill() {
        String key = Api.newOrganization();
        JsonPath endpoint = createEndpoint(key, receiver.url("/backlog"), List.of("customer.created"));
        Instant from = Instant.now().minusSeconds(5);
        int events = 80;
        for (int i = 0; i < events; i++) {
            Api.createCustomer(key, Api.customer("Backlog " + i));
        }
        receiver.await("/backlog", events, Duration.ofSeconds(30));

        Api.as(key).body(Map.of("from", from.toString(), "to", Instant.now().plusSeconds(5).toString()))
                .when().post("/v1/webhook-endpoints/" + endpoint.getString("data.id") + "/replay")
                .then().statusCode(202).body("data.deliveries", equalTo(events));
        receiver.await("/backlog", 2 * events, Duration.ofSeconds(30));
        assertEquals(events, receiver.received("/backlog").stream().map(x -> x.header("webhook-id")).distinct().count());
    }

    @Inject
    Deliveries deliveries;

    @Inject
    io.agroal.api.AgroalDataSource db;

    /**
     * Attempts of two organizations and both outcomes recorded in one transaction: each delivered
     * one leaves the queue and ends its endpoint's failing streak, each failed one is due again on
     * the schedule and starts its endpoint's streak, and every attempt is in its own organization's
     * delivery log. Deliveries are queued with SQL, so no worker takes them first.
     */
    @Test
    void attemptsOfSeveralOrganizationsAreRecordedInOneTransaction() throws Exception {
        String keyA = Api.newOrganization();
        String keyB = Api.newOrganization();
        Api.createCustomer(keyA, Api.customer("Batch A1"));
        Api.createCustomer(keyA, Api.customer("Batch A2"));
        Api.createCustomer(keyB, Api.customer("Batch B1"));
        String okA = createEndpoint(keyA, receiver.url("/batch-ok-a"), List.of("customer.created")).getString("data.id");
        String badA = createEndpoint(keyA, receiver.url("/batch-bad-a"), List.of("customer.created")).getString("data.id");
        String okB = createEndpoint(keyB, receiver.url("/batch-ok-b"), List.of("customer.created")).getString("data.id");
        java.util.UUID orgA = organizationOf(okA);
        java.util.UUID orgB = organizationOf(okB);
        sql("UPDATE webhook_endpoints SET failing_since = now() - interval '1 hour' WHERE id = '" + okA + "'");
        // one delivery per endpoint and customer.created event of its organization, due now
        for (String endpoint : List.of(okA, badA, okB)) {
            sql("INSERT INTO webhook_deliveries (organization_id, id, endpoint_id, event_id, attempts, due_at, claim_id, "
                    + "created_at) SELECT e.organization_id, gen_random_uuid(), w.id, e.id, 0, now() - interval '1 second', "
                    + "NULL, now() FROM events e JOIN webhook_endpoints w ON w.organization_id = e.organization_id "
                    + "WHERE w.id = '" + endpoint + "' AND e.type = 'customer.created'");
        }
        List<Deliveries.Message> claimed = new java.util.ArrayList<>(deliveries.claim(orgA, 10));
        claimed.addAll(deliveries.claim(orgB, 10));
        assertEquals(5, claimed.size(), "2 + 2 deliveries of A, 1 of B");
        Instant at = clock.instant();
        List<Deliveries.Attempted> batch = claimed.stream().map(m -> new Deliveries.Attempted(m,
                m.claim().endpointId().toString().equals(badA) ? new WebhookSender.Result(false, 500, "HTTP 500", 12)
                        : new WebhookSender.Result(true, 204, null, 3), at)).toList();

        List<String> outcomes = deliveries.recordAll(batch);

        for (int i = 0; i < batch.size(); i++) {
            boolean bad = batch.get(i).message().claim().endpointId().toString().equals(badA);
            assertEquals(bad ? "failed" : "succeeded", outcomes.get(i));
        }
        assertEquals("0", sql("SELECT count(*) FROM webhook_deliveries WHERE endpoint_id IN ('" + okA + "', '" + okB + "')"));
        assertEquals("2 2", sql("SELECT count(*) || ' ' || count(*) FILTER (WHERE attempts = 1 AND claim_id IS NULL "
                + "AND due_at > now()) FROM webhook_deliveries WHERE endpoint_id = '" + badA + "'"));
        assertEquals("true false", sql("SELECT bool_and(failing_since IS NULL) FILTER (WHERE id = '" + okA + "') || ' ' || "
                + "bool_and(failing_since IS NULL) FILTER (WHERE id = '" + badA + "') FROM webhook_endpoints"));
        JsonPath good = attempts(keyA, okA);
        assertEquals(List.of("succeeded", "succeeded"), good.getList("data.outcome"));
        assertEquals(List.of(204, 204), good.getList("data.status_code"));
        JsonPath failed = attempts(keyA, badA);
        assertEquals(List.of("failed", "failed"), failed.getList("data.outcome"));
        assertEquals(List.of("HTTP 500", "HTTP 500"), failed.getList("data.error"));
        assertTrue(failed.getList("data.next_attempt_at").stream().allMatch(java.util.Objects::nonNull));
        assertEquals(1, attempts(keyB, okB).getList("data").size());
        assertEquals(orgB.toString(), sql("SELECT organization_id FROM webhook_attempts WHERE endpoint_id = '" + okB + "'"));
        assertEquals("0", sql("SELECT count(*) FROM webhook_attempts WHERE endpoint_id = '" + okA
                + "' AND organization_id <> '" + orgA + "'"));
    }

    private java.util.UUID organizationOf(String endpointId) throws Exception {
        return java.util.UUID.fromString(sql("SELECT organization_id FROM webhook_endpoints WHERE id = '" + endpointId + "'"));
    }

    /** Runs one statement; answers the first column of its first row (null for none, or for an update). */
    private String sql(String statement) throws Exception {
        try (var c = db.getConnection(); var st = c.createStatement()) {
            if (!st.execute(statement)) {
                return null;
            }
            try (var rs = st.getResultSet()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
