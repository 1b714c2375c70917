package eu.billing.customers.customer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/** Create, read, update, archive and restore, with wallets and events, through real HTTP. */
@QuarkusTest
class CustomerLifecycleTest {

    @Test
    void createAnswers201WithLocationEtagWalletAndEvent() {
        String key = Api.newOrganization("EUR");
        Map<String, Object> body = Api.customer("Acme GmbH");
        body.put("external_id", Api.externalId());
        body.put("email", "billing@acme.example");
        body.put("locale", "de-DE");
        body.put("customer_type", "company");
        body.put("billing_model", "HYBRID");
        body.put("mode", "PREPAID");
        body.put("preferred_currency", "CHF");
        body.put("payment_terms_days", 30);
        body.put("peppol_id", "0088:5790000435975");
        body.put("prefer_einvoice", true);
        body.put("einvoice_email", "invoices@acme.example");
        body.put("preferred_provider", "stripe");
        body.put("disabled_providers", List.of("paypal", "paypal"));
        body.put("default_credit_limit", "100.5");
        body.put("default_max_balance", "1000");
        body.put("default_max_single_credit", "250.1234");
        body.put("default_low_balance_threshold", "0");
        body.put("default_auto_topup_enabled", true);
        body.put("default_auto_topup_amount", "50.00");
        body.put("vat_number", "de 123.456-789");
        body.put("billing_address", Map.of("line1", "Hauptstr. 1", "city", "Berlin", "postal_code", "10115",
                "country", "DE"));
        body.put("tags", List.of("vip", "eu:de"));
        body.put("metadata", Map.of("crm_id", "4711"));

        String id = Api.as(key).body(body).when().post("/v1/customers")
                .then().statusCode(201)
                .header("Location", containsString("/v1/customers/"))
                .header("ETag", equalTo("\"1\""))
                .header("X-Request-Id", notNullValue())
                .body("data.name", equalTo("Acme GmbH"))
                .body("data.customer_type", equalTo("BUSINESS"))
                .body("data.billing_model", equalTo("HYBRID"))
                .body("data.mode", equalTo("PREPAID"))
                .body("data.status", equalTo("ACTIVE"))
                .body("data.disabled_providers", equalTo(List.of("paypal")))
                .body("data.default_credit_limit", equalTo("100.50"))
                .body("data.default_max_single_credit", equalTo("250.1234"))
                .body("data.vat_number", equalTo("DE123456789"))
                .body("data.vat_validation_status", equalTo("PENDING")) // the automatic VIES check is queued
                .body("data.billing_address.country", equalTo("DE"))
                .body("data.billing_address.line2", nullValue())
                .body("data.billing_address.empty", nullValue())
                .body("data.tags", equalTo(List.of("vip", "eu:de")))
                .body("data.metadata.crm_id", equalTo("4711"))
                .body("data.version", equalTo(1))
                .body("data.deleted_at", nullValue())
                .extract().path("data.id");

        Api.as(key).when().get("/v1/customers/" + id + "/wallet").then().statusCode(200)
                .body("data.customer_id", equalTo(id))
                .body("data.currency", equalTo("CHF"))
                .body("data.mode", equalTo("PREPAID"))
                .body("data.is_primary", equalTo(true))
                .body("data.auto_topup_enabled", equalTo(true))
                .body("data.auto_topup_amount", equalTo("50.00"))
                .body("data.credit_limit", equalTo("100.50"))
                .body("data.max_balance", equalTo("1000.00"))
                .body("data.max_single_credit", equalTo("250.1234"))
                .body("data.low_balance_threshold", equalTo("0.00"))
                .body("data.cash_balance", equalTo("0.00"))
                .body("data.held_balance", equalTo("0.00"))
                .body("data.promotional_balance", equalTo("0.00"));

        Api.as(key).when().get("/v1/events?type=customer.created&customer_id=" + id).then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].type", equalTo("customer.created"))
                .body("data[0].data.changes.billing_address.after.country", equalTo("DE"))
                .body("data[0].data.changes.billing_address.after.empty", nullValue())
                .body("data[0].actor.type", equalTo("api_key"))
                .body("data[0].data.changes.name.after", equalTo("Acme GmbH"));
    }

    @Test
    void walletFallsBackToTheOrganizationsDefaultCurrency() {
        String key = Api.newOrganization("SEK");
        String id = Api.createCustomer(key, Api.customer("Nordic AB"));
        Api.as(key).when().get("/v1/customers/" + id + "/wallet").then().statusCode(200)
                .body("data.currency", equalTo("SEK"))
                .body("data.mode", equalTo("POSTPAID"));
    }

    @Test
    void getAnswersTheCustomerWithItsVersionAsEtag() {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Api.customer("Reader"));
        Api.as(key).when().get("/v1/customers/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("data.id", equalTo(id))
                .body("data.organization_id", notNullValue())
                .body("data.created_at", notNullValue());
    }

    @Test
    void patchChangesOnlyTheFieldsSentAndNullClears() {
        String key = Api.newOrganization();
        Map<String, Object> body = Api.customer("Before");
        body.put("email", "a@b.example");
        body.put("locale", "fr-FR");
        body.put("tags", List.of("x"));
        String id = Api.createCustomer(key, body);

        Map<String, Object> patch = new HashMap<>();
        patch.put("name", "After");
        patch.put("locale", null);
        Api.as(key).body(patch).when().patch("/v1/customers/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("data.name", equalTo("After"))
                .body("data.email", equalTo("a@b.example"))
                .body("data.locale", nullValue())
                .body("data.tags", equalTo(List.of("x")))
                .body("data.version", equalTo(2));

        Api.as(key).when().get("/v1/events?type=customer.updated&customer_id=" + id).then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].data.changes.name.before", equalTo("Before"))
                .body("data[0].data.changes.name.after", equalTo("After"))
                .body("data[0].data.changes.locale.before", equalTo("fr-FR"))
                .body("data[0].data.changes.locale.after", nullValue())
                .body("data[0].data.changes.email", nullValue());
    }

    @Test
    void patchThatChangesNothingKeepsTheVersionAndWritesNoEvent() {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Api.customer("Same"));
        Api.as(key).body(Map.of("name", "Same")).when().patch("/v1/customers/" + id).then().statusCode(200)
                .body("data.version", equalTo(1));
        Api.as(key).when().get("/v1/events?type=customer.updated&customer_id=" + id).then()
                .body("data", emptyIterable());
    }

    @Test
    void patchRefusesReadOnlyFields() {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Api.customer("RO"));
        Api.as(key).body(Map.of("mode", "PREPAID", "id", id, "created_at", "2020-01-01T00:00:00Z"))
                .when().patch("/v1/customers/" + id).then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("mode"))
                .body("errors.field", hasItem("id"))
                .body("errors.field", hasItem("created_at"));
        Api.as(key).when().get("/v1/customers/" + id).then().body("data.version", equalTo(1));
    }

    @Test
    void ifMatchWithAStaleVersionIs412() {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Api.customer("V"));
        Api.as(key).header("If-Match", "\"1\"").body(Map.of("name", "V2")).when().patch("/v1/customers/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"2\""));
        Api.as(key).header("If-Match", "\"1\"").body(Map.of("name", "V3")).when().patch("/v1/customers/" + id)
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("code", equalTo("VERSION_CONFLICT"))
                .body("expected_version", equalTo(1))
                .body("current_version", equalTo(2));
        Api.as(key).header("If-Match", "W/\"2\"").body(Map.of("name", "V3")).when().patch("/v1/customers/" + id)
                .then().statusCode(200).body("data.version", equalTo(3));
        Api.as(key).header("If-Match", "garbage").body(Map.of("name", "V4")).when().patch("/v1/customers/" + id)
                .then().statusCode(400).body("code", equalTo("INVALID_HEADER"));
        Api.as(key).header("If-Match", "\"1\"").when().delete("/v1/customers/" + id)
                .then().statusCode(412).body("code", equalTo("VERSION_CONFLICT"));
        Api.as(key).when().get("/v1/customers/" + id).then().body("data.name", equalTo("V3"))
                .body("data.status", equalTo("ACTIVE"));
    }

    @Test
    void statusCanBeSuspendedButNotArchivedOrMergedThroughPatch() {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Api.customer("S"));
        Api.as(key).body(Map.of("status", "SUSPENDED")).when().patch("/v1/customers/" + id).then()
                .statusCode(200).body("data.status", equalTo("SUSPENDED"));
        Api.as(key).body(Map.of("status", "ARCHIVED")).when().patch("/v1/customers/" + id).then()
                .statusCode(409).body("code", equalTo("INVALID_STATE_TRANSITION"));
        Api.as(key).body(Map.of("status", "MERGED")).when().patch("/v1/customers/" + id).then()
                .statusCode(409).body("code", equalTo("INVALID_STATE_TRANSITION"));
        Api.as(key).body(Map.of("status", "ACTIVE")).when().patch("/v1/customers/" + id).then()
                .statusCode(200).body("data.status", equalTo("ACTIVE"));
    }

    @Test
    void archiveFreesTheExternalIdAndRestoreRefusesWhenItWasReused() {
        String key = Api.newOrganization();
        String ext = Api.externalId();
        Map<String, Object> body = Api.customer("First");
        body.put("external_id", ext);
        String first = Api.createCustomer(key, body);

        Api.as(key).when().delete("/v1/customers/" + first).then().statusCode(200)
                .body("data.status", equalTo("ARCHIVED"))
                .body("data.deleted_at", notNullValue())
                .body("data.version", equalTo(2));
        // idempotent: a second DELETE changes nothing
        Api.as(key).when().delete("/v1/customers/" + first).then().statusCode(200)
                .body("data.version", equalTo(2));
        // an archived customer still answers GET, but cannot be changed
        Api.as(key).when().get("/v1/customers/" + first).then().statusCode(200)
                .body("data.status", equalTo("ARCHIVED"));
        Api.as(key).body(Map.of("name", "x")).when().patch("/v1/customers/" + first).then().statusCode(409)
                .body("code", equalTo("INVALID_STATE_TRANSITION"));

        Map<String, Object> again = Api.customer("Second");
        again.put("external_id", ext);
        String second = Api.as(key).body(again).when().post("/v1/customers").then().statusCode(201)
                .extract().path("data.id");
        org.junit.jupiter.api.Assertions.assertNotEquals(first, second);

        Api.as(key).when().post("/v1/customers/" + first + "/restore").then().statusCode(409)
                .body("code", equalTo("EXTERNAL_ID_CONFLICT"));
        Api.as(key).when().get("/v1/customers/" + first).then().body("data.status", equalTo("ARCHIVED"));

        Api.as(key).when().delete("/v1/customers/" + second).then().statusCode(200);
        Api.as(key).when().post("/v1/customers/" + first + "/restore").then().statusCode(200)
                .body("data.status", equalTo("ACTIVE"))
                .body("data.deleted_at", nullValue())
                .body("data.external_id", equalTo(ext));
        Api.as(key).when().post("/v1/customers/" + first + "/restore").then().statusCode(409)
                .body("code", equalTo("INVALID_STATE_TRANSITION"));

        Api.as(key).when().get("/v1/events?customer_id=" + first).then().statusCode(200)
                .body("data.type", equalTo(List.of("customer.restored", "customer.archived", "customer.created")));
    }

    @Test
    void changingTheExternalIdToOneInUseIs409() {
        String key = Api.newOrganization();
        String ext = Api.externalId();
        Map<String, Object> a = Api.customer("A");
        a.put("external_id", ext);
        Api.createCustomer(key, a);
        String b = Api.createCustomer(key, Api.customer("B"));
        Api.as(key).body(Map.of("external_id", ext)).when().patch("/v1/customers/" + b).then().statusCode(409)
                .body("code", equalTo("EXTERNAL_ID_CONFLICT"));
        Api.as(key).when().get("/v1/customers/" + b).then().body("data.external_id", nullValue())
                .body("data.version", equalTo(1));
    }

    @Test
    void unknownCustomerIs404() {
        String key = Api.newOrganization();
        Api.as(key).when().get("/v1/customers/01a20eda-cb64-78e1-84b2-e2b2bd712575").then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("CUSTOMER_NOT_FOUND"))
                .body("type", startsWith("urn:"))
                .body("request_id", notNullValue())
                .body("detail", not(containsString("Exception")));
    }
}
