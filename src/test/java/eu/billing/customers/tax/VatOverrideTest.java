package eu.billing.customers.tax;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import eu.billing.customers.support.FakeVies;
import eu.billing.customers.support.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Manual overrides, their expiry, and the demotion job (including racing runs). */
@QuarkusTest
class VatOverrideTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    TestClock clock;

    @Inject
    OverrideDemotion demotion;

    @Inject
    AgroalDataSource db;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String override(String key, String id, Map<String, Object> body, int status) {
        return Api.as(key).header("X-Actor", "ops@example.com").body(body)
                .when().put("/v1/customers/" + id + "/vat-verification/manual-override")
                .then().statusCode(status).extract().asString();
    }

    @Test
    void setAndClear() {
        String key = Api.newOrganization();
        String id = Vat.customerWithVat(key, Vat.number(FakeVies.NOT_VALID), false);
        Api.as(key).when().post("/v1/customers/" + id + "/vat-verification").then().body("data.vat_validation_status",
                equalTo("INVALID"));
        Api.as(key).header("X-Actor", "ops@example.com")
                .body(Map.of("reason", "registry certificate on file", "ttl", "P30D"))
                .when().put("/v1/customers/" + id + "/vat-verification/manual-override")
                .then().statusCode(200).body("data.vat_validation_status", equalTo("MANUAL"));
        Map<String, Object> row = Vat.history(key, id).get(0);
        assertEquals("MANUAL", row.get("source"));
        assertEquals("MANUAL", row.get("result"));
        assertEquals("ACTIVE", row.get("state"));
        assertEquals("registry certificate on file", row.get("reason"));
        assertEquals("ops@example.com", ((Map<?, ?>) row.get("actor")).get("label"));
        Instant expires = Instant.parse((String) row.get("expires_at"));
        Instant created = Instant.parse((String) row.get("created_at"));
        assertEquals(Duration.ofDays(30), Duration.between(created, expires));
        Api.as(key).when().get("/v1/events?customer_id=" + id + "&type=customer.vat_override_set").then()
                .body("data", org.hamcrest.Matchers.hasSize(1))
                .body("data[0].reason", equalTo("registry certificate on file"))
                .body("data[0].actor.label", equalTo("ops@example.com"));

        // a check while the override is in force is history only
        Api.as(key).when().post("/v1/customers/" + id + "/vat-verification").then().statusCode(200)
                .body("data.vat_validation_status", equalTo("MANUAL"));

        int version = Api.as(key).when().delete("/v1/customers/" + id + "/vat-verification/manual-override")
                .then().statusCode(200).body("data.vat_validation_status", equalTo("UNVALIDATED"))
                .extract().path("data.version");
        List<Map<String, Object>> history = Vat.history(key, id);
        Map<String, Object> ended = history.stream().filter(r -> "MANUAL".equals(r.get("source"))).findFirst().orElseThrow();
        assertEquals("PENDING", ended.get("state"));
        assertEquals("CLEARED", ended.get("ended_reason"));
        assertEquals(1, Vat.events(key, id, "customer.vat_override_cleared").size());

        // idempotent: same answer, nothing written
        int events = Api.as(key).when().get("/v1/events?limit=100&customer_id=" + id).then().extract()
                .path("data.size()");
        Api.as(key).when().delete("/v1/customers/" + id + "/vat-verification/manual-override")
                .then().statusCode(200).body("data.vat_validation_status", equalTo("UNVALIDATED"))
                .body("data.version", equalTo(version));
        Api.as(key).when().get("/v1/events?limit=100&customer_id=" + id).then().body("data.size()", equalTo(events));
        assertEquals(history.size(), Vat.history(key, id).size());
    }

    @Test
    void badOverrides() {
        String key = Api.newOrganization();
        String id = Vat.customerWithVat(key, Vat.number(FakeVies.VALID), false);
        Api.as(key).body(Map.of("ttl", "P30D")).when().put("/v1/customers/" + id + "/vat-verification/manual-override")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("reason"));
        Api.as(key).body(Map.of("reason", "x".repeat(501), "ttl", "P30D"))
                .when().put("/v1/customers/" + id + "/vat-verification/manual-override")
                .then().statusCode(400).body("errors.field", hasItem("reason"));
        Api.as(key).body(Map.of("reason", "evidence", "ttl", "P366D"))
                .when().put("/v1/customers/" + id + "/vat-verification/manual-override")
                .then().statusCode(400).body("errors.field", hasItem("ttl"));
        Api.as(key).body(Map.of("reason", "evidence", "ttl", "thirty days"))
                .when().put("/v1/customers/" + id + "/vat-verification/manual-override")
                .then().statusCode(400).body("errors.field", hasItem("ttl"));
        Api.as(key).body(Map.of("reason", "evidence"))
                .when().put("/v1/customers/" + id + "/vat-verification/manual-override")
                .then().statusCode(400).body("errors.field", hasItem("ttl"));
        Api.as(key).body(Map.of("reason", "evidence", "expires_at", "2001-01-01T00:00:00Z"))
                .when().put("/v1/customers/" + id + "/vat-verification/manual-override")
                .then().statusCode(400).body("errors.field", hasItem("expires_at"));
        // the organization's maximum applies
        Vat.settings(key, Map.of("manual_override_max_ttl", "P7D"));
        Api.as(key).body(Map.of("reason", "evidence", "ttl", "P8D"))
                .when().put("/v1/customers/" + id + "/vat-verification/manual-override")
                .then().statusCode(400).body("errors.field", hasItem("ttl"));
        Api.as(key).body(Map.of("reason", "evidence", "expires_at", Instant.now().plus(Duration.ofDays(6)).toString()))
                .when().put("/v1/customers/" + id + "/vat-verification/manual-override")
                .then().statusCode(200).body("data.vat_validation_status", equalTo("MANUAL"));
        String noNumber = Api.createCustomer(key, Api.customer("No VAT"));
        Api.as(key).body(Map.of("reason", "evidence", "ttl", "P1D"))
                .when().put("/v1/customers/" + noNumber + "/vat-verification/manual-override")
                .then().statusCode(422).body("code", equalTo("VAT_NUMBER_MISSING"));
    }

    @Test
    void anExpiredOverrideIsNeverShownAsManualThenTheJobDemotesIt() {
        String key = Api.newOrganization();
        String id = Vat.customerWithVat(key, Vat.number(FakeVies.VALID), false);
        override(key, id, Map.of("reason", "evidence", "ttl", "PT1H"), 200);
        assertEquals("MANUAL", Vat.status(key, id));
        clock.advance(Duration.ofMinutes(61));
        // the job has not run: the row is still ACTIVE, yet the customer is not shown as MANUAL
        assertEquals("ACTIVE", Vat.history(key, id).get(0).get("state"));
        assertEquals("PENDING", Vat.status(key, id));
        Api.as(key).when().get("/v1/customers?limit=100").then().body("data.find { it.id == '" + id
                + "' }.vat_validation_status", equalTo("PENDING"));

        given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN).contentType(ContentType.JSON)
                .when().post("/v1/admin/jobs/vat-override-demotion").then().statusCode(200)
                .body("data.demoted", notNullValue());
        // the recheck may already have landed on top: look for the override row itself
        Map<String, Object> row = Vat.history(key, id).stream().filter(r -> "MANUAL".equals(r.get("source")))
                .findFirst().orElseThrow();
        assertEquals("PENDING", row.get("state"));
        assertEquals("EXPIRED", row.get("ended_reason"));
        assertEquals(1, Vat.events(key, id, "customer.vat_override_expired").size());
        // eligible: a recheck was queued and lands
        assertEquals("VALID", Vat.awaitStatus(key, id, "VALID", WAIT));
        assertEquals("RECHECK", Vat.history(key, id).get(0).get("trigger"));
    }

    @Test
    void anIneligibleCustomerIsDemotedWithoutARecheck() {
        String key = Api.newOrganization();
        String number = Vat.number(FakeVies.VALID);
        String id = Vat.customerWithVat(key, number, false);
        override(key, id, Map.of("reason", "evidence", "ttl", "PT1H"), 200);
        Api.as(key).body(Map.of("vat_validation_disabled", true)).when().patch("/v1/customers/" + id)
                .then().statusCode(200);
        clock.advance(Duration.ofMinutes(61));
        demotion.run();
        assertEquals("PENDING", Vat.status(key, id));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) Vat.events(key, id, "customer.vat_override_expired").get(0)
                .get("data");
        assertEquals(false, data.get("recheck_queued"));
    }

    @Test
    void theAdminJobNeedsTheAdminToken() {
        given().when().post("/v1/admin/jobs/vat-override-demotion").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        String key = Api.newOrganization();
        Api.as(key).when().post("/v1/admin/jobs/vat-override-demotion").then().statusCode(401);
    }

    @Test
    void racingDemotionRunsDemoteEachOverrideOnce() throws Exception {
        String key = Api.newOrganization();
        // ineligible organization: no rechecks, so the test looks at the demotion alone
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = Vat.customerWithVat(key, Vat.number(FakeVies.VALID), false);
            override(key, id, Map.of("reason", "evidence " + i, "ttl", "PT1H"), 200);
            ids.add(id);
        }
        Vat.settings(key, Map.of("vat_validation_enabled", false));
        clock.advance(Duration.ofMinutes(61));

        int runners = 4;
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < runners; i++) {
            boolean viaHttp = i % 2 == 0;
            runs.add(pool.submit(() -> {
                start.await();
                if (viaHttp) {
                    return given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                            .when().post("/v1/admin/jobs/vat-override-demotion").then().statusCode(200)
                            .extract().<Integer> path("data.demoted");
                }
                return demotion.run().done();
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> run : runs) {
            total += run.get();
        }
        pool.shutdown();
        // other tests' expired overrides may be demoted by these runs too; ours exactly once each
        assertTrue(total >= ids.size(), "demoted " + total);
        for (String id : ids) {
            assertEquals(1, Vat.events(key, id, "customer.vat_override_expired").size(), id);
            assertEquals("PENDING", Vat.status(key, id));
        }
        try (var connection = db.getConnection();
                var statement = connection.prepareStatement("SELECT count(*) FROM vat_verifications v "
                        + "JOIN api_keys k ON k.organization_id = v.organization_id "
                        + "WHERE v.customer_id = ANY (?::uuid[]) AND v.state = 'ACTIVE'")) {
            statement.setString(1, "{" + String.join(",", ids) + "}");
            try (var rs = statement.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getLong(1));
            }
        }
        // nothing left for a later run
        assertEquals(0, (int) given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .when().post("/v1/admin/jobs/vat-override-demotion").then().statusCode(200)
                .extract().<Integer> path("data.demoted"));
    }

    @Test
    void aNewNumberEndsTheOverride() {
        String key = Api.newOrganization();
        String id = Vat.customerWithVat(key, Vat.number(FakeVies.VALID), false);
        override(key, id, Map.of("reason", "evidence", "ttl", "P10D"), 200);
        Api.as(key).body(Map.of("vat_number", Vat.number(FakeVies.VALID), "auto_validate_vat", false))
                .when().patch("/v1/customers/" + id).then().statusCode(200)
                .body("data.vat_validation_status", equalTo("UNVALIDATED"));
        Map<String, Object> row = Vat.history(key, id).get(0);
        assertEquals("PENDING", row.get("state"));
        assertEquals("VAT_NUMBER_CHANGED", row.get("ended_reason"));
    }

    @Test
    void settingsDefaultsAndValidation() {
        String key = Api.newOrganization("SEK");
        Api.as(key).when().get("/v1/organization/settings").then().statusCode(200)
                .body("data.vat_validation_enabled", equalTo(true))
                .body("data.vies_maintenance_windows.size()", equalTo(0))
                .body("data.manual_override_max_ttl", equalTo("P365D"))
                .body("data.requester_vat_number", equalTo(null))
                .body("data.default_currency", equalTo("SEK"));
        Api.as(key).body(Map.of("vies_maintenance_windows", List.of(Map.of("days", List.of("Funday"), "start", "25:00",
                "end", "01:00", "time_zone", "Mars/Olympus")), "manual_override_max_ttl", "forever",
                "requester_vat_number", "DE12", "default_currency", "EURO", "vat_validation_enabled", "yes"))
                .when().patch("/v1/organization/settings").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        Api.as(key).body(Map.of("vies_maintenance_windows", List.of(Map.of("days", List.of("Funday"), "start", "25:00",
                "end", "01:00", "time_zone", "Mars/Olympus")), "manual_override_max_ttl", "forever",
                "requester_vat_number", "DE12"))
                .when().patch("/v1/organization/settings").then().statusCode(400)
                .body("errors.field", hasItem("vies_maintenance_windows[0].days"))
                .body("errors.field", hasItem("vies_maintenance_windows[0].start"))
                .body("errors.field", hasItem("vies_maintenance_windows[0].time_zone"))
                .body("errors.field", hasItem("manual_override_max_ttl"))
                .body("errors.field", hasItem("requester_vat_number"));
        Api.as(key).body(Map.of("vies_maintenance_windows", List.of(Map.of("days", List.of("SAT", "sun"), "start", "22:00",
                "end", "02:00", "time_zone", "Europe/Berlin")), "manual_override_max_ttl", "P90D",
                "requester_vat_number", "de 123.456.789", "default_currency", "EUR", "vat_validation_enabled", false))
                .when().patch("/v1/organization/settings").then().statusCode(200)
                .body("data.vies_maintenance_windows[0].days", equalTo(List.of("SAT", "SUN")))
                .body("data.vies_maintenance_windows[0].time_zone", equalTo("Europe/Berlin"))
                .body("data.manual_override_max_ttl", equalTo("P90D"))
                .body("data.requester_vat_number", equalTo("DE123456789"))
                .body("data.default_currency", equalTo("EUR"))
                .body("data.vat_validation_enabled", equalTo(false));
        Api.as(key).when().get("/v1/organization/settings").then().statusCode(200)
                .body("data.vies_maintenance_windows[0].end", equalTo("02:00"))
                .body("data.vat_validation_enabled", equalTo(false));
    }
}
