package eu.billing.customers.tax.profile;

import static eu.billing.customers.tax.profile.TaxIdNumbers.await;
import static eu.billing.customers.tax.profile.TaxIdNumbers.calls;
import static eu.billing.customers.tax.profile.TaxIdNumbers.taxIdStatus;
import static eu.billing.customers.tax.profile.TaxIdNumbers.taxIds;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/** Tax identifiers through the API: the endpoints, the writes that carry them, verification and its switches. */
@QuarkusTest
class TaxIdsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ConfigProperty(name = "fake-hmrc.url")
    String fakeHmrc;
    @ConfigProperty(name = "fake-swiss-uid.url")
    String fakeSwissUid;
    @ConfigProperty(name = "fake-brreg.url")
    String fakeBrreg;
    @ConfigProperty(name = "fake-vies.url")
    String fakeVies;

    @Inject
    TaxIdCheckWorker worker;

    @Inject
    javax.sql.DataSource ds;

    @Test
    void aGbVatBecomesThePrimaryAndIsVerifiedByHmrc() {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Api.customer("UK Ltd"));
        String vrn = TaxIdNumbers.gbVat("10");
        String spelled = "gb " + vrn.substring(2, 5) + " " + vrn.substring(5, 9) + " " + vrn.substring(9);
        String taxId = Api.as(key).body(Map.of("type", "gb_vat", "value", spelled))
                .when().post("/v1/customers/" + id + "/tax-ids")
                .then().statusCode(201)
                .header("Location", containsString("/v1/customers/" + id + "/tax-ids/"))
                .body("data.type", equalTo("gb_vat"))
                .body("data.country", equalTo("GB"))
                .body("data.value", equalTo(vrn))
                .body("data.primary", equalTo(true))
                .extract().path("data.id");
        // the automatic check (HMRC, in the background) lands on the customer's vat_validation_status
        assertEquals("VALID", await(() -> taxIdStatus(key, id, taxId), "VALID", WAIT));
        Api.as(key).when().get("/v1/customers/" + id).then().statusCode(200)
                .body("data.vat_number", equalTo(vrn))
                .body("data.vat_validation_status", equalTo("VALID"))
                .body("data.tax_ids", hasSize(1))
                .body("data.tax_ids[0].id", equalTo(taxId))
                .body("data.tax_ids[0].verification.provider", equalTo("HMRC"))
                .body("data.tax_ids[0].verification.verified_name", notNullValue());
        // the synchronous verification asks HMRC again
        Api.as(key).when().post("/v1/customers/" + id + "/tax-ids/" + taxId + "/verification")
                .then().statusCode(200)
                .body("data.verification.status", equalTo("VALID"))
                .body("data.verification.provider", equalTo("HMRC"));
        assertEquals(2, calls(fakeHmrc, vrn));
        List<Map<String, Object>> history = TaxIdNumbers.history(key, id);
        assertEquals(2, history.size());
        assertEquals("HMRC", history.get(0).get("source"));
    }

    @Test
    void otherIdentifiersAreRowsVerifiedInTheBackgroundAndListedInTheHistory() {
        String key = Api.newOrganization();
        String de = TaxIdNumbers.deVat("10");
        var body = Api.customer("Multi");
        body.put("vat_number", de);
        String id = Api.createCustomer(key, body);
        String ch = TaxIdNumbers.chVat("10");
        String no = TaxIdNumbers.noVat("11"); // Enhetsregisteret: not found
        String chId = add(key, id, "ch_vat", "CHE-" + ch.substring(3, 6) + "." + ch.substring(6, 9) + "."
                + ch.substring(9, 12) + " MWST");
        String noId = add(key, id, "no_vat", no.substring(2, 11));
        String otherId = add(key, id, "other", "  US EIN 12-3456789 ");
        assertEquals("VALID", await(() -> taxIdStatus(key, id, chId), "VALID", WAIT));
        assertEquals("INVALID", await(() -> taxIdStatus(key, id, noId), "INVALID", WAIT));
        assertEquals("UNVERIFIABLE", taxIdStatus(key, id, otherId));
        List<Map<String, Object>> all = taxIds(key, id);
        assertEquals(List.of("eu_vat", "ch_vat", "no_vat", "other"), all.stream().map(t -> t.get("type")).toList());
        assertEquals(List.of(true, false, false, false), all.stream().map(t -> t.get("primary")).toList());
        assertEquals("US EIN 12-3456789", all.get(3).get("value"));
        assertEquals(null, all.get(3).get("country"));
        // the history lists the checks of every identifier
        List<Map<String, Object>> history = TaxIdNumbers.history(key, id);
        assertTrue(history.stream().anyMatch(h -> "CH_UID".equals(h.get("source")) && chId.equals(h.get("tax_id"))),
                history.toString());
        assertTrue(history.stream().anyMatch(h -> "BRREG".equals(h.get("source")) && "INVALID".equals(h.get("result"))),
                history.toString());
        assertTrue(history.stream().anyMatch(h -> "VIES".equals(h.get("source")) && h.get("tax_id") == null),
                history.toString());
        assertEquals(1, TaxIdNumbers.events(key, id, "customer.tax_id_verification_changed").stream()
                .filter(e -> chId.equals(((Map<?, ?>) e.get("data")).get("tax_id"))).count());
        // an other identifier is never verified
        Api.as(key).when().post("/v1/customers/" + id + "/tax-ids/" + otherId + "/verification")
                .then().statusCode(422).body("code", equalTo("TAX_ID_NOT_VERIFIABLE"));
    }

    @Test
    void unavailableIsRecheckedWithBackoffThroughTheQueue() {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Api.customer("Flaky"));
        String ch = TaxIdNumbers.chVat("40"); // HTTP 500 once, then valid
        String taxId = Api.as(key).body(Map.of("type", "ch_vat", "value", ch, "auto_validate_vat", false))
                .when().post("/v1/customers/" + id + "/tax-ids").then().statusCode(201)
                .body("data.verification.status", equalTo("PENDING")).extract().path("data.id");
        assertEquals(0, calls(fakeSwissUid, ch));
        String unavailable = TaxIdNumbers.chVat("21"); // 503 always
        String unavailableId = Api.as(key).body(Map.of("type", "no_vat", "value", TaxIdNumbers.noVat("21"),
                "auto_validate_vat", false)).when().post("/v1/customers/" + id + "/tax-ids").then().statusCode(201)
                .extract().path("data.id");
        // a synchronous check whose register fails: UNAVAILABLE, never INVALID, and a recheck is queued
        Api.as(key).when().post("/v1/customers/" + id + "/tax-ids/" + unavailableId + "/verification")
                .then().statusCode(200).body("data.verification.status", equalTo("UNAVAILABLE"));
        Api.as(key).when().post("/v1/customers/" + id + "/tax-ids/" + taxId + "/verification")
                .then().statusCode(200).body("data.verification.status", equalTo("VALID"));
        assertTrue(unavailable.startsWith("CHE21"));
        Object[] queued = queued(unavailableId);
        assertEquals(1, ((Number) queued[0]).intValue(), "recheck queued with its first backoff");
        assertTrue(((Number) queued[1]).doubleValue() > 30, "not due before the backoff: " + queued[1]);
        worker.runDue(); // not due yet: nothing runs
        assertEquals("UNAVAILABLE", taxIdStatus(key, id, unavailableId));
    }

    @Test
    void writesCarryTaxIdsAndRoundTrip() {
        String key = Api.newOrganization();
        String gb = TaxIdNumbers.gbVat("10");
        String ch = TaxIdNumbers.chVat("10");
        var body = Api.customer("Round trip");
        body.put("external_id", Api.externalId());
        body.put("tax_ids", List.of(Map.of("type", "ch_vat", "value", ch), Map.of("type", "gb_vat", "value", gb)));
        String id = Api.as(key).body(body).when().post("/v1/customers").then().statusCode(201)
                .body("data.vat_number", equalTo(gb))
                .body("data.tax_ids", hasSize(2))
                .body("data.tax_ids[0].value", equalTo(gb))
                .body("data.tax_ids[0].primary", equalTo(true))
                .body("data.tax_ids[1].value", equalTo(ch))
                .body("data.version", equalTo(1))
                .extract().path("data.id");
        List<Map<String, Object>> before = taxIds(key, id);
        int version = Api.as(key).when().get("/v1/customers/" + id).then().extract().path("data.version");
        // PATCH with the same list: nothing changes, not even the version
        List<Map<String, Object>> same = new ArrayList<>();
        for (Map<String, Object> t : before) {
            same.add(Map.of("type", t.get("type"), "value", t.get("value")));
        }
        Api.as(key).body(Map.of("tax_ids", same)).when().patch("/v1/customers/" + id).then().statusCode(200)
                .body("data.version", equalTo(version));
        assertEquals(ids(before), ids(taxIds(key, id)));
        // upsert replaces the list: ch_vat kept (same id), gb_vat removed (vat_number cleared), no_vat added
        String no = TaxIdNumbers.noVat("10");
        var upsert = new HashMap<String, Object>();
        upsert.put("external_id", body.get("external_id"));
        upsert.put("name", "Round trip");
        upsert.put("tax_ids", List.of(Map.of("type", "no_vat", "value", no), Map.of("type", "ch_vat", "value", ch)));
        Api.as(key).body(upsert).when().post("/v1/customers").then().statusCode(200)
                .body("data.id", equalTo(id))
                .body("data.vat_number", nullValue())
                .body("data.tax_ids", hasSize(2))
                .body("data.tax_ids[0].id", equalTo(before.get(1).get("id")))
                .body("data.tax_ids[1].value", equalTo(no))
                .body("data.version", equalTo(version + 1));
        // null removes every identifier
        var clear = new HashMap<String, Object>();
        clear.put("tax_ids", null);
        Api.as(key).body(clear).when().patch("/v1/customers/" + id).then().statusCode(200)
                .body("data.tax_ids", hasSize(0));
        assertEquals(1, TaxIdNumbers.events(key, id, "customer.tax_id_removed").stream()
                .filter(e -> gb.equals(((Map<?, ?>) e.get("data")).get("value"))).count());
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String key = Api.newOrganization();
        String ch = TaxIdNumbers.chVat("10");
        String id = Api.createCustomer(key, Api.customer("Strict"));
        Api.as(key).body(Map.of("type", "ch_vat", "value", ch, "auto_validate_vat", false))
                .when().post("/v1/customers/" + id + "/tax-ids").then().statusCode(201);
        int version = Api.as(key).when().get("/v1/customers/" + id).then().extract().path("data.version");
        Api.as(key).body(Map.of("type", "us_ein", "value", "12-3456789"))
                .when().post("/v1/customers/" + id + "/tax-ids").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("type"));
        Api.as(key).body(Map.of("type", "gb_vat", "value", "GB980780685"))
                .when().post("/v1/customers/" + id + "/tax-ids").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("value"));
        Api.as(key).body(Map.of("type", "ch_vat", "value", TaxIdNumbers.chVat("10").replace("MWST", "TVA")))
                .when().post("/v1/customers/" + id + "/tax-ids").then().statusCode(409)
                .body("code", equalTo("TAX_ID_DUPLICATE"));
        Api.as(key).when().delete("/v1/customers/" + id + "/tax-ids/" + UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("TAX_ID_NOT_FOUND"));
        Api.as(key).when().post("/v1/customers/" + id + "/tax-ids/" + UUID.randomUUID() + "/verification")
                .then().statusCode(404).body("code", equalTo("TAX_ID_NOT_FOUND"));
        // a write whose list names one type and country twice, or a malformed value, writes nothing at all
        Api.as(key).body(Map.of("name", "Renamed", "tax_ids", List.of(Map.of("type", "no_vat", "value",
                TaxIdNumbers.noVat("10")), Map.of("type", "no_vat", "value", TaxIdNumbers.noVat("10")))))
                .when().patch("/v1/customers/" + id).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("tax_ids[1]"));
        Api.as(key).body(Map.of("name", "Renamed", "tax_ids", List.of(Map.of("type", "eu_vat", "value", "DE12"))))
                .when().patch("/v1/customers/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("tax_ids[0].value"));
        Api.as(key).when().get("/v1/customers/" + id).then().statusCode(200)
                .body("data.name", equalTo("Strict"))
                .body("data.version", equalTo(version))
                .body("data.tax_ids", hasSize(1))
                .body("data.tax_ids[0].value", equalTo(ch));
        // deleting works once, then the id is gone
        String taxId = taxIds(key, id).get(0).get("id").toString();
        Api.as(key).when().delete("/v1/customers/" + id + "/tax-ids/" + taxId).then().statusCode(200)
                .body("data.id", equalTo(taxId));
        Api.as(key).when().delete("/v1/customers/" + id + "/tax-ids/" + taxId).then().statusCode(404)
                .body("code", equalTo("TAX_ID_NOT_FOUND"));
    }

    @Test
    void switchesStopVerification() {
        String key = Api.newOrganization();
        TaxIdNumbers.settings(key, Map.of("disabled_verification_providers", List.of("brreg")));
        Api.as(key).when().get("/v1/organization/settings").then().statusCode(200)
                .body("data.disabled_verification_providers", equalTo(List.of("BRREG")));
        String id = Api.createCustomer(key, Api.customer("Switches"));
        String no = TaxIdNumbers.noVat("10");
        String noId = add(key, id, "no_vat", no);
        Api.as(key).when().post("/v1/customers/" + id + "/tax-ids/" + noId + "/verification")
                .then().statusCode(409).body("code", equalTo("TAX_ID_PROVIDER_DISABLED"));
        // a disabled provider is not called by the automatic check either
        String ch = TaxIdNumbers.chVat("10");
        String chId = add(key, id, "ch_vat", ch);
        assertEquals("VALID", await(() -> taxIdStatus(key, id, chId), "VALID", WAIT));
        assertEquals("PENDING", taxIdStatus(key, id, noId));
        assertEquals(0, calls(fakeBrreg, no));
        // the organization's kill switch and the customer's opt-out
        TaxIdNumbers.settings(key, Map.of("vat_validation_enabled", false));
        Api.as(key).when().post("/v1/customers/" + id + "/tax-ids/" + chId + "/verification")
                .then().statusCode(409).body("code", equalTo("VAT_VALIDATION_DISABLED"));
        TaxIdNumbers.settings(key, Map.of("vat_validation_enabled", true));
        Api.as(key).body(Map.of("vat_validation_disabled", true)).when().patch("/v1/customers/" + id)
                .then().statusCode(200);
        Api.as(key).when().post("/v1/customers/" + id + "/tax-ids/" + chId + "/verification")
                .then().statusCode(409).body("code", equalTo("VAT_VALIDATION_OPTED_OUT"));
        String other = TaxIdNumbers.chVat("10");
        assertEquals(1, calls(fakeSwissUid, ch));
        assertEquals(0, calls(fakeSwissUid, other));
    }

    @Test
    void oneIdentifierIsVerifiedByOneRequestAtATime() throws Exception {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Api.customer("Racing"));
        String slow = TaxIdNumbers.chVat("23"); // the fake answers after 2 s... past the read timeout: UNAVAILABLE
        String taxId = Api.as(key).body(Map.of("type", "ch_vat", "value", slow, "auto_validate_vat", false))
                .when().post("/v1/customers/" + id + "/tax-ids").then().statusCode(201).extract().path("data.id");
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return Api.as(key).when().post("/v1/customers/" + id + "/tax-ids/" + taxId + "/verification")
                        .then().extract().statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : answers) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(n - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        int calls = calls(fakeSwissUid, slow);
        assertTrue(calls >= 1 && calls <= 2, "one verification (with its one retry) reached the register: " + calls);
        // the lease ended with the answer: the next verification runs
        Api.as(key).when().post("/v1/customers/" + id + "/tax-ids/" + taxId + "/verification")
                .then().statusCode(200);
    }

    @Test
    void aMergeMovesTheIdentifiersOfATypeAndCountryTheTargetLacks() {
        String key = Api.newOrganization();
        var targetBody = Api.customer("Target");
        targetBody.put("vat_number", TaxIdNumbers.deVat("10"));
        targetBody.put("auto_validate_vat", false);
        String target = Api.createCustomer(key, targetBody);
        String targetCh = TaxIdNumbers.chVat("10");
        addQuietly(key, target, "ch_vat", targetCh);
        var sourceBody = Api.customer("Source");
        sourceBody.put("vat_number", TaxIdNumbers.deVat("10"));
        sourceBody.put("auto_validate_vat", false);
        String source = Api.createCustomer(key, sourceBody);
        addQuietly(key, source, "ch_vat", TaxIdNumbers.chVat("10"));
        String no = TaxIdNumbers.noVat("10");
        addQuietly(key, source, "no_vat", no);
        addQuietly(key, source, "other", "DUNS 150483782");
        Api.as(key).body(Map.of("source_customer_id", source, "target_customer_id", target, "strategy", "KEEP_TARGET"))
                .when().post("/v1/customers/merge").then().statusCode(200)
                .body("data.tax_ids_moved_count", equalTo(2))
                .body("data.tax_ids_left_on_source_count", equalTo(2)); // its vat_number (KEEP_TARGET) and ch_vat
        List<Map<String, Object>> held = taxIds(key, target);
        assertEquals(List.of("eu_vat", "ch_vat", "no_vat", "other"), held.stream().map(t -> t.get("type")).toList());
        assertEquals(targetCh, held.get(1).get("value"), "the target keeps its own");
        assertEquals(no, held.get(2).get("value"));
        assertEquals(List.of("eu_vat", "ch_vat"), taxIds(key, source).stream().map(t -> t.get("type")).toList(),
                "the rest stays on the merged source");
    }

    private static void addQuietly(String key, String id, String type, String value) {
        Api.as(key).body(Map.of("type", type, "value", value, "auto_validate_vat", false))
                .when().post("/v1/customers/" + id + "/tax-ids").then().statusCode(201);
    }

    /** The queued check of an identifier: attempts, and seconds until it is due. */
    private Object[] queued(String taxId) {
        try (var c = ds.getConnection(); var q = c.prepareStatement(
                "SELECT attempts, EXTRACT(EPOCH FROM due_at - now()) FROM tax_id_checks WHERE tax_id = ?")) {
            q.setObject(1, UUID.fromString(taxId));
            try (var rs = q.executeQuery()) {
                assertTrue(rs.next(), "no check queued for " + taxId);
                return new Object[] { rs.getInt(1), rs.getDouble(2) };
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String add(String key, String id, String type, String value) {
        return Api.as(key).body(Map.of("type", type, "value", value)).when().post("/v1/customers/" + id + "/tax-ids")
                .then().statusCode(201).extract().path("data.id");
    }

    private static List<Object> ids(List<Map<String, Object>> taxIds) {
        return taxIds.stream().map(t -> t.get("id")).toList();
    }
}
