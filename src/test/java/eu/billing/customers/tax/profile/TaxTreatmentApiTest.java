package eu.billing.customers.tax.profile;

import static eu.billing.customers.tax.profile.TaxIdNumbers.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/** tax_treatment in customer answers, the settings it needs, and customer.tax_treatment_changed. */
@QuarkusTest
class TaxTreatmentApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CHANGED = "customer.tax_treatment_changed";

    @Test
    void undeterminedUntilTheSellerAndTheBuyerAreKnown() {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Api.customer("Nobody yet"));
        Api.as(key).when().get("/v1/customers/" + id).then().statusCode(200)
                .body("data.tax_treatment.scheme", equalTo("UNDETERMINED"))
                .body("data.tax_treatment.reasons", equalTo(List.of("NO_BILLING_COUNTRY", "NO_HOME_COUNTRY")))
                .body("data.tax_treatment.price_display", equalTo("GROSS"))
                .body("data.tax_treatment.payment_terms_days", nullValue())
                .body("data.tax_treatment.consumer_protection.applies", equalTo(true));
        Api.as(key).when().get("/v1/organization/settings").then().statusCode(200)
                .body("data.home_country", nullValue())
                .body("data.unknown_price_display", equalTo("GROSS"));
        Api.as(key).body(Map.of("home_country", "Germany")).when().patch("/v1/organization/settings").then()
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void aBusinessBuyerInAnotherMemberStateIsReverseChargedOnceItsVatNumberIsValid() {
        String key = Api.newOrganization();
        TaxIdNumbers.settings(key, Map.of("home_country", "DE", "unknown_price_display", "NET",
                "default_payment_terms_days", Map.of("business", 30, "consumer", 14)));
        var body = Api.customer("Acme SARL");
        body.put("customer_type", "BUSINESS");
        body.put("billing_address", Map.of("line1", "1 rue de la Paix", "city", "Paris", "country", "FR"));
        String id = Api.createCustomer(key, body);
        Api.as(key).when().get("/v1/customers/" + id).then().statusCode(200)
                .body("data.tax_treatment.scheme", equalTo("UNDETERMINED"))
                .body("data.tax_treatment.reasons", equalTo(List.of("EU_VAT_MISSING")))
                .body("data.tax_treatment.price_display", equalTo("NET"))
                .body("data.tax_treatment.payment_terms_days", equalTo(30))
                .body("data.tax_treatment.consumer_protection.applies", equalTo(false));
        assertEquals(0, TaxIdNumbers.events(key, id, CHANGED).size(), "creating announces nothing");
        String fr = "FR10" + String.format("%09d", (long) (Math.random() * 1_000_000_000L));
        Api.as(key).body(Map.of("type", "eu_vat", "value", fr)).when().post("/v1/customers/" + id + "/tax-ids")
                .then().statusCode(201);
        assertEquals("EU_REVERSE_CHARGE", await(() -> Api.as(key).when().get("/v1/customers/" + id).then()
                .extract().path("data.tax_treatment.scheme"), "EU_REVERSE_CHARGE", WAIT));
        Api.as(key).when().get("/v1/customers/" + id).then().statusCode(200)
                .body("data.tax_treatment.reverse_charge", equalTo(true))
                .body("data.tax_treatment.invoice_mentions", equalTo(List.of("REVERSE_CHARGE", "CUSTOMER_VAT_NUMBER")));
        List<Map<String, Object>> events = TaxIdNumbers.events(key, id, CHANGED);
        Map<?, ?> last = (Map<?, ?>) events.get(0).get("data");
        assertEquals("EU_REVERSE_CHARGE", ((Map<?, ?>) last.get("after")).get("scheme"));
        assertEquals("UNDETERMINED", ((Map<?, ?>) ((Map<?, ?>) events.get(events.size() - 1).get("data"))
                .get("before")).get("scheme"));
        // a setting changes the treatment of every customer of the organization, in the settings' transaction
        TaxIdNumbers.settings(key, Map.of("home_country", "FR"));
        Api.as(key).when().get("/v1/customers/" + id).then().statusCode(200)
                .body("data.tax_treatment.scheme", equalTo("DOMESTIC"))
                .body("data.tax_treatment.reverse_charge", equalTo(false));
        Map<?, ?> domestic = (Map<?, ?>) TaxIdNumbers.events(key, id, CHANGED).get(0).get("data");
        assertEquals("EU_REVERSE_CHARGE", ((Map<?, ?>) domestic.get("before")).get("scheme"));
        assertEquals("DOMESTIC", ((Map<?, ?>) domestic.get("after")).get("scheme"));
        // a change that leaves the treatment as it is announces nothing
        int count = TaxIdNumbers.events(key, id, CHANGED).size();
        Api.as(key).body(Map.of("name", "Acme SAS")).when().patch("/v1/customers/" + id).then().statusCode(200);
        assertEquals(count, TaxIdNumbers.events(key, id, CHANGED).size());
    }

    @Test
    void typeAndCountryDriveTheTreatment() {
        String key = Api.newOrganization();
        TaxIdNumbers.settings(key, Map.of("home_country", "DE",
                "default_payment_terms_days", Map.of("business", 30, "consumer", 0)));
        var body = Api.customer("Ola Nordmann");
        body.put("customer_type", "CONSUMER");
        body.put("billing_address", Map.of("country", "NO"));
        String id = Api.createCustomer(key, body);
        Api.as(key).when().get("/v1/customers/" + id).then().statusCode(200)
                .body("data.tax_treatment.scheme", equalTo("EXPORT"))
                .body("data.tax_treatment.invoice_mentions", equalTo(List.of("EXPORT")))
                .body("data.tax_treatment.price_display", equalTo("GROSS"))
                .body("data.tax_treatment.payment_terms_days", equalTo(0))
                .body("data.tax_treatment.consumer_protection.withdrawal_period_days", equalTo(14));
        var move = new HashMap<String, Object>();
        move.put("billing_address", Map.of("country", "AT"));
        move.put("payment_terms_days", 45);
        Api.as(key).body(move).when().patch("/v1/customers/" + id).then().statusCode(200)
                .body("data.tax_treatment.scheme", equalTo("EU_B2C_DESTINATION"))
                .body("data.tax_treatment.payment_terms_days", equalTo(45));
        Api.as(key).body(Map.of("customer_type", "UNKNOWN", "reason", "not sure any more"))
                .when().patch("/v1/customers/" + id).then().statusCode(200)
                .body("data.tax_treatment.scheme", equalTo("UNDETERMINED"))
                .body("data.tax_treatment.reasons", equalTo(List.of("CUSTOMER_TYPE_UNKNOWN")));
        List<Map<String, Object>> events = TaxIdNumbers.events(key, id, CHANGED);
        assertEquals(2, events.size(), events.toString());
        Map<?, ?> typeChange = (Map<?, ?>) events.get(0).get("data");
        assertEquals("EU_B2C_DESTINATION", ((Map<?, ?>) typeChange.get("before")).get("scheme"));
        assertEquals("UNDETERMINED", ((Map<?, ?>) typeChange.get("after")).get("scheme"));
        assertTrue(TaxIdNumbers.events(key, id, "customer.type_changed").size() == 1,
                "the corrective-invoice hint stays");
    }
}
