package eu.billing.customers.tax;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import eu.billing.customers.support.FakeVies;
import eu.billing.customers.support.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** POST /v1/customers/{id}/vat-verification, its refusals, the history, and rechecks. */
@QuarkusTest
class VatVerificationTest {

    @Inject
    TestClock clock;

    @Inject
    VatCheckWorker worker;

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "fake-vies.url")
    String fakeVies;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String check(String key, String id, int status) {
        return Api.as(key).when().post("/v1/customers/" + id + "/vat-verification")
                .then().statusCode(status).extract().asString();
    }

    @Test
    void validNumberWithRequesterRecordsTheEvidence() {
        String key = Api.newOrganization();
        Vat.settings(key, Map.of("requester_vat_number", "FR 12 345678901"));
        String number = Vat.number(FakeVies.VALID);
        String id = Vat.customerWithVat(key, number, false);
        Api.as(key).header("X-Actor", "auditor@example.com").when().post("/v1/customers/" + id + "/vat-verification")
                .then().statusCode(200)
                .body("data.vat_validation_status", equalTo("VALID"))
                .body("data.vat_number", equalTo(number));
        Api.as(key).when().get("/v1/customers/" + id + "/vat-verifications").then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].source", equalTo("VIES"))
                .body("data[0].result", equalTo("VALID"))
                .body("data[0].trigger", equalTo("SYNC"))
                .body("data[0].vat_number", equalTo(number))
                .body("data[0].country_code", equalTo("DE"))
                .body("data[0].request_identifier", equalTo("WAPIAAAAW" + number.substring(2)))
                .body("data[0].name", equalTo("ACME GmbH"))
                .body("data[0].address", equalTo("Hauptstr. 1\n10115 Berlin"))
                .body("data[0].actor.type", equalTo("api_key"))
                .body("data[0].actor.label", equalTo("auditor@example.com"))
                .body("data[0].state", equalTo("COMPLETED"))
                .body("pagination.has_more", equalTo(false));
        String sent = Vat.lastRequest(fakeVies, number);
        org.junit.jupiter.api.Assertions.assertTrue(sent.contains("\"requesterNumber\":\"12345678901\""), sent);
        List<Map<String, Object>> changed = Vat.events(key, id, "customer.vat_validation_changed");
        assertEquals(1, changed.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) changed.get(0).get("data");
        assertEquals("UNVALIDATED", data.get("from"));
        assertEquals("VALID", data.get("to"));
        assertEquals("VIES", data.get("source"));
        assertEquals("WAPIAAAAW" + number.substring(2), data.get("request_identifier"));
    }

    @Test
    void invalidAndUnpublishedAndFormat() {
        String key = Api.newOrganization();
        String invalid = Vat.customerWithVat(key, Vat.number(FakeVies.NOT_VALID), false);
        check(key, invalid, 200);
        assertEquals("INVALID", Vat.status(key, invalid));

        String unpublished = Vat.customerWithVat(key, Vat.number(FakeVies.UNPUBLISHED), false);
        check(key, unpublished, 200);
        Api.as(key).when().get("/v1/customers/" + unpublished + "/vat-verifications").then()
                .body("data[0].result", equalTo("VALID"))
                .body("data[0].name", nullValue())
                .body("data[0].address", nullValue());

        // a number that cannot be valid: INVALID from FORMAT, VIES never called
        String badFormat = Vat.customerWithVat(key, "DE 123-45", false);
        Api.as(key).when().post("/v1/customers/" + badFormat + "/vat-verification").then().statusCode(200)
                .body("data.vat_number", equalTo("DE12345"))
                .body("data.vat_validation_status", equalTo("INVALID"));
        assertEquals(0, Vat.calls(fakeVies, "DE12345"));
        Api.as(key).when().get("/v1/customers/" + badFormat + "/vat-verifications").then()
                .body("data[0].source", equalTo("FORMAT"))
                .body("data[0].result", equalTo("INVALID"))
                .body("data[0].reason", notNullValue());

        String unknownPrefix = Vat.customerWithVat(key, "US123456789", false);
        check(key, unknownPrefix, 200);
        assertEquals("INVALID", Vat.status(key, unknownPrefix));
        assertEquals(0, Vat.calls(fakeVies, "US123456789"));
    }

    @Test
    void greekAndNorthernIrishNumbersUseTheirViesPrefixes() {
        String key = Api.newOrganization();
        String greek = Vat.customerWithVat(key, "EL123456789", false);
        check(key, greek, 200);
        assertEquals("VALID", Vat.status(key, greek));
        assertEquals(1, Vat.calls(fakeVies, "EL123456789"));
        String ni = Vat.customerWithVat(key, "XI GD123", false);
        check(key, ni, 200);
        assertEquals(1, Vat.calls(fakeVies, "XIGD123"));
    }

    @Test
    void anOutageIsUnavailableNeverInvalidAndIsRecheckedWithGrowingIntervals() {
        String key = Api.newOrganization();
        String number = Vat.number(FakeVies.DOWN_TWICE);
        String id = Vat.customerWithVat(key, number, false);
        Api.as(key).when().post("/v1/customers/" + id + "/vat-verification").then().statusCode(200)
                .body("data.vat_validation_status", equalTo("UNAVAILABLE"));
        Api.as(key).when().get("/v1/customers/" + id + "/vat-verifications").then()
                .body("data[0].result", equalTo("UNAVAILABLE"))
                .body("data[0].error_code", equalTo("MS_UNAVAILABLE"));
        assertEquals(2, Vat.calls(fakeVies, number)); // the first attempt and one retry

        // the recheck is not due yet
        worker.runDue();
        assertEquals(2, Vat.calls(fakeVies, number));
        // after the first backoff (1 minute) the recheck runs and VIES answers
        clock.advance(Duration.ofSeconds(61));
        worker.runDue();
        assertEquals("VALID", Vat.status(key, id));
        List<Map<String, Object>> history = Vat.history(key, id);
        assertEquals(2, history.size());
        assertEquals("RECHECK", history.get(0).get("trigger"));
        assertEquals("VALID", history.get(0).get("result"));
    }

    @Test
    void aNumberLeasedByAnotherCheckIsRefusedSynchronouslyAndItsQueuedCheckWaitsForTheLease() throws Exception {
        String key = Api.newOrganization();
        String number = Vat.number(FakeVies.DOWN_TWICE);
        String id = Vat.customerWithVat(key, number, false);
        check(key, id, 200); // UNAVAILABLE (two calls): a recheck is queued for a minute later
        assertEquals(2, Vat.calls(fakeVies, number));

        // another replica is asking VIES about this number: it holds the number's lease
        sql("INSERT INTO tax_id_leases (organization_id, customer_id, value, claim_id, expires_at) SELECT "
                + "organization_id, id, vat_number, gen_random_uuid(), ?::timestamptz FROM customers WHERE id = ?::uuid",
                clock.instant().plus(Duration.ofMinutes(5)).toString(), id);
        Api.as(key).when().post("/v1/customers/" + id + "/vat-verification").then().statusCode(409)
                .body("code", equalTo("TAX_ID_VERIFICATION_IN_PROGRESS"));
        String primary = Api.as(key).when().get("/v1/customers/" + id + "/tax-ids").then().statusCode(200)
                .extract().path("data[0].id");
        Api.as(key).when().post("/v1/customers/" + id + "/tax-ids/" + primary + "/verification").then().statusCode(409)
                .body("code", equalTo("TAX_ID_VERIFICATION_IN_PROGRESS"));
        // the queued recheck comes due, finds the lease, and is put off (not failed, no attempt counted)
        clock.advance(Duration.ofSeconds(61));
        worker.runDue();
        assertEquals(2, Vat.calls(fakeVies, number));
        assertEquals(1, Vat.history(key, id).size());
        assertEquals("UNAVAILABLE", Vat.status(key, id));

        // the other check ends: the put-off recheck runs 5 s later and VIES answers
        sql("DELETE FROM tax_id_leases WHERE customer_id = ?::uuid", id);
        clock.advance(Duration.ofSeconds(6));
        worker.runDue();
        assertEquals(3, Vat.calls(fakeVies, number));
        assertEquals("VALID", Vat.status(key, id));
        assertEquals("RECHECK", Vat.history(key, id).get(0).get("trigger"));
        assertEquals(0, sql("DELETE FROM tax_id_leases WHERE customer_id = ?::uuid", id), "its own lease ended");
    }

    /** Runs one statement with text parameters; answers the rows it changed. */
    private int sql(String statement, String... params) throws Exception {
        try (var connection = db.getConnection(); var ps = connection.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Test
    void repeatedUnavailableAnswersBackOff() {
        String key = Api.newOrganization();
        String number = Vat.number(FakeVies.MS_UNAVAILABLE);
        String id = Vat.customerWithVat(key, number, false);
        check(key, id, 200);
        int calls = Vat.calls(fakeVies, number);
        clock.advance(Duration.ofSeconds(61)); // first recheck due after 1 minute
        worker.runDue();
        assertEquals(calls + 2, Vat.calls(fakeVies, number));
        clock.advance(Duration.ofSeconds(61)); // the second waits 2 minutes: not yet
        worker.runDue();
        assertEquals(calls + 2, Vat.calls(fakeVies, number));
        clock.advance(Duration.ofSeconds(61));
        worker.runDue();
        assertEquals(calls + 4, Vat.calls(fakeVies, number));
        assertEquals("UNAVAILABLE", Vat.status(key, id));
    }

    @Test
    void checkingAgainOnlyRefreshesTheVerdict() {
        String key = Api.newOrganization();
        String id = Vat.customerWithVat(key, Vat.number(FakeVies.VALID), false);
        int version = Api.as(key).when().post("/v1/customers/" + id + "/vat-verification").then().statusCode(200)
                .extract().path("data.version");
        Api.as(key).when().post("/v1/customers/" + id + "/vat-verification").then().statusCode(200)
                .body("data.vat_validation_status", equalTo("VALID"))
                .body("data.version", equalTo(version));
        assertEquals(2, Vat.history(key, id).size());
        assertEquals(1, Vat.events(key, id, "customer.vat_validation_changed").size());
    }

    @Test
    void refusals() {
        String key = Api.newOrganization();
        String noNumber = Api.createCustomer(key, Api.customer("No VAT"));
        Api.as(key).when().post("/v1/customers/" + noNumber + "/vat-verification").then().statusCode(422)
                .body("code", equalTo("VAT_NUMBER_MISSING"));

        var optedOut = Api.customer("Opted out");
        optedOut.put("vat_number", Vat.number(FakeVies.VALID));
        optedOut.put("vat_validation_disabled", true);
        optedOut.put("vat_validation_disabled_reason", "handled by the tax team");
        String optedOutId = Api.createCustomer(key, optedOut);
        Api.as(key).when().post("/v1/customers/" + optedOutId + "/vat-verification").then().statusCode(409)
                .body("code", equalTo("VAT_VALIDATION_OPTED_OUT"));

        String id = Vat.customerWithVat(key, Vat.number(FakeVies.VALID), false);
        Vat.settings(key, Map.of("vat_validation_enabled", false));
        Api.as(key).when().post("/v1/customers/" + id + "/vat-verification").then().statusCode(409)
                .body("code", equalTo("VAT_VALIDATION_DISABLED"));
        Vat.settings(key, Map.of("vat_validation_enabled", true));

        assertEquals(0, Vat.history(key, id).size());
        assertEquals("UNVALIDATED", Vat.status(key, id));

        // another organization's customer is not found
        String other = Api.newOrganization();
        Api.as(other).when().post("/v1/customers/" + id + "/vat-verification").then().statusCode(404)
                .body("code", equalTo("CUSTOMER_NOT_FOUND"));
        Api.as(other).when().get("/v1/customers/" + id + "/vat-verifications").then().statusCode(404);
    }

    @Test
    void maintenanceWindowRefusesWithRetryAfterUntilItCloses() {
        String key = Api.newOrganization();
        String id = Vat.customerWithVat(key, Vat.number(FakeVies.VALID), false);
        // Saturday 2031-03-01 11:30 in Berlin (10:30 UTC); window Saturdays 11:00 to 12:00 Berlin time
        clock.set(Instant.parse("2031-03-01T10:30:00Z"));
        Vat.settings(key, Map.of("vies_maintenance_windows", List.of(
                Map.of("days", List.of("SAT"), "start", "11:00", "end", "12:00", "time_zone", "Europe/Berlin"))));
        String retryAfter = Api.as(key).when().post("/v1/customers/" + id + "/vat-verification").then().statusCode(503)
                .body("code", equalTo("VIES_MAINTENANCE_WINDOW"))
                .extract().header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        org.junit.jupiter.api.Assertions.assertTrue(seconds > 1700 && seconds <= 1800, retryAfter);
        clock.set(Instant.parse("2031-03-01T11:00:01Z")); // 12:00:01 in Berlin: closed
        Api.as(key).when().post("/v1/customers/" + id + "/vat-verification").then().statusCode(200)
                .body("data.vat_validation_status", equalTo("VALID"));
    }

    @Test
    void historyPaginates() {
        String key = Api.newOrganization();
        String id = Vat.customerWithVat(key, Vat.number(FakeVies.VALID), false);
        for (int i = 0; i < 5; i++) {
            check(key, id, 200);
        }
        String cursor = Api.as(key).when().get("/v1/customers/" + id + "/vat-verifications?limit=3").then()
                .statusCode(200).body("data", hasSize(3)).body("pagination.has_more", equalTo(true))
                .extract().path("pagination.next_cursor");
        Api.as(key).when().get("/v1/customers/" + id + "/vat-verifications?limit=3&cursor=" + cursor).then()
                .statusCode(200).body("data", hasSize(2)).body("pagination.has_more", equalTo(false));
        Api.as(key).when().get("/v1/customers/" + id + "/vat-verifications?cursor=garbage").then().statusCode(400)
                .body("code", equalTo("INVALID_CURSOR"));
    }
}
