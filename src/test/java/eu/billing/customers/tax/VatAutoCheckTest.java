package eu.billing.customers.tax;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import eu.billing.customers.support.Api;
import eu.billing.customers.support.FakeVies;
import io.quarkus.test.junit.QuarkusTest;

/** The automatic check after a create or an update that sets or changes the VAT number. */
@QuarkusTest
class VatAutoCheckTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ConfigProperty(name = "fake-vies.url")
    String fakeVies;

    /** organization enabled, customer opted out, auto_validate_vat -> checked in the background? */
    static Stream<Arguments> matrix() {
        return Stream.of(
                Arguments.of(true, false, null, true),
                Arguments.of(true, false, true, true),
                Arguments.of(true, false, false, false),
                Arguments.of(true, true, null, false),
                Arguments.of(true, true, true, false),
                Arguments.of(true, true, false, false),
                Arguments.of(false, false, null, false),
                Arguments.of(false, false, true, false),
                Arguments.of(false, false, false, false),
                Arguments.of(false, true, true, false));
    }

    @ParameterizedTest(name = "org enabled={0}, opted out={1}, auto_validate_vat={2} -> checked={3}")
    @MethodSource("matrix")
    void autoValidateMatrixOnCreate(boolean orgEnabled, boolean optedOut, Boolean autoValidate, boolean checked) {
        String key = Api.newOrganization();
        if (!orgEnabled) {
            Vat.settings(key, Map.of("vat_validation_enabled", false));
        }
        String number = Vat.number(FakeVies.VALID);
        var body = Api.customer("Auto");
        body.put("vat_number", number);
        body.put("vat_validation_disabled", optedOut);
        if (autoValidate != null) {
            body.put("auto_validate_vat", autoValidate);
        }
        String id = Api.as(key).body(body).when().post("/v1/customers").then().statusCode(201)
                .body("data.vat_validation_status", equalTo(checked ? "PENDING" : "UNVALIDATED"))
                .extract().path("data.id");
        if (checked) {
            assertEquals("VALID", Vat.awaitStatus(key, id, "VALID", WAIT));
            assertEquals("AUTO", Vat.history(key, id).get(0).get("trigger"));
            assertEquals(1, Vat.calls(fakeVies, number));
        } else {
            // give a wrongly queued check time to land before asserting that none did
            sleep(300);
            assertEquals("UNVALIDATED", Vat.status(key, id));
            assertEquals(0, Vat.calls(fakeVies, number));
            assertEquals(0, Vat.history(key, id).size());
        }
    }

    @ParameterizedTest(name = "update with auto_validate_vat={0} -> checked={1}")
    @MethodSource("updates")
    void autoValidateOnUpdate(Boolean autoValidate, boolean checked) {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Api.customer("Later VAT"));
        String number = Vat.number(FakeVies.VALID);
        var patch = new java.util.HashMap<String, Object>();
        patch.put("vat_number", number);
        if (autoValidate != null) {
            patch.put("auto_validate_vat", autoValidate);
        }
        Api.as(key).body(patch).when().patch("/v1/customers/" + id).then().statusCode(200)
                .body("data.vat_validation_status", equalTo(checked ? "PENDING" : "UNVALIDATED"));
        assertEquals(checked ? "VALID" : "UNVALIDATED", Vat.awaitStatus(key, id, checked ? "VALID" : "none",
                checked ? WAIT : Duration.ofMillis(300)));
    }

    static Stream<Arguments> updates() {
        return Stream.of(Arguments.of(null, true), Arguments.of(true, true), Arguments.of(false, false));
    }

    @Test
    void aChangedNumberNeverKeepsTheOldVerdict() {
        String key = Api.newOrganization();
        String id = Vat.customerWithVat(key, Vat.number(FakeVies.VALID), null);
        assertEquals("VALID", Vat.awaitStatus(key, id, "VALID", WAIT));
        // changed without a check: UNVALIDATED, not the old VALID
        Api.as(key).body(Map.of("vat_number", Vat.number(FakeVies.NOT_VALID), "auto_validate_vat", false))
                .when().patch("/v1/customers/" + id).then().statusCode(200)
                .body("data.vat_validation_status", equalTo("UNVALIDATED"));
        // changed with a check: PENDING, then the new number's verdict
        Api.as(key).body(Map.of("vat_number", Vat.number(FakeVies.NOT_VALID)))
                .when().patch("/v1/customers/" + id).then().statusCode(200)
                .body("data.vat_validation_status", equalTo("PENDING"));
        assertEquals("INVALID", Vat.awaitStatus(key, id, "INVALID", WAIT));
        // removed: UNVALIDATED
        java.util.Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("vat_number", null);
        Api.as(key).body(clear).when().patch("/v1/customers/" + id).then().statusCode(200)
                .body("data.vat_validation_status", equalTo("UNVALIDATED"));
    }

    @Test
    void anUnchangedNumberIsNotCheckedAgain() {
        String key = Api.newOrganization();
        String number = Vat.number(FakeVies.VALID);
        String id = Vat.customerWithVat(key, number, null);
        assertEquals("VALID", Vat.awaitStatus(key, id, "VALID", WAIT));
        Api.as(key).body(Map.of("vat_number", number.substring(0, 4) + " " + number.substring(4), "name", "Renamed"))
                .when().patch("/v1/customers/" + id).then().statusCode(200)
                .body("data.vat_validation_status", equalTo("VALID"));
        sleep(300);
        assertEquals(1, Vat.calls(fakeVies, number));
    }

    @Test
    void anOutageFoundInTheBackgroundIsUnavailable() {
        String key = Api.newOrganization();
        String id = Vat.customerWithVat(key, Vat.number(FakeVies.HTTP_500), null);
        assertEquals("UNAVAILABLE", Vat.awaitStatus(key, id, "UNAVAILABLE", WAIT));
        assertEquals("HTTP_500", Vat.history(key, id).get(0).get("error_code"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
