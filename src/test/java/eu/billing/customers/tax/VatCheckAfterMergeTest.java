package eu.billing.customers.tax;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import eu.billing.customers.support.FakeVies;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A merge that fills the target's VAT number from the source (FILL_FROM_SOURCE) queues the
 * automatic check, as a create or a PATCH that sets the number does (issue 18: it queued none).
 */
@QuarkusTest
class VatCheckAfterMergeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ConfigProperty(name = "fake-vies.url")
    String fakeVies;

    @Test
    void aVatNumberFilledFromTheSourceIsChecked() {
        String key = Api.newOrganization();
        String number = Vat.number(FakeVies.VALID);
        String source = Vat.customerWithVat(key, number, false); // the source itself is never checked
        String target = Api.createCustomer(key, Api.customer("Target"));

        merge(key, source, target, "FILL_FROM_SOURCE");

        assertEquals("VALID", Vat.awaitStatus(key, target, "VALID", WAIT));
        assertEquals("AUTO", Vat.history(key, target).get(0).get("trigger"));
        assertEquals(number, Vat.history(key, target).get(0).get("vat_number"));
        assertEquals(1, Vat.calls(fakeVies, number));
        Api.as(key).queryParam("customer_id", target).queryParam("type", "customer.merged")
                .when().get("/v1/events").then().statusCode(200)
                .body("data[0].data.changes.vat_number.after", equalTo(number))
                .body("data[0].data.changes.vat_validation_status.after", equalTo("PENDING"));
    }

    @Test
    void keepTargetTakesNoNumberAndQueuesNoCheck() {
        String key = Api.newOrganization();
        String number = Vat.number(FakeVies.VALID);
        String source = Vat.customerWithVat(key, number, false);
        String target = Api.createCustomer(key, Api.customer("Target"));

        merge(key, source, target, "KEEP_TARGET");

        sleep(300); // give a wrongly queued check time to land before asserting that none did
        assertEquals("UNVALIDATED", Vat.status(key, target));
        assertEquals(0, Vat.calls(fakeVies, number));
        assertEquals(0, Vat.history(key, target).size());
    }

    @Test
    void aFilledNumberIsNotCheckedWhereValidationIsSwitchedOff() {
        String key = Api.newOrganization();
        Vat.settings(key, Map.of("vat_validation_enabled", false));
        String number = Vat.number(FakeVies.VALID);
        String source = Vat.customerWithVat(key, number, false);
        String target = Api.createCustomer(key, Api.customer("Target"));

        merge(key, source, target, "FILL_FROM_SOURCE");

        sleep(300);
        assertEquals("UNVALIDATED", Vat.status(key, target));
        assertEquals(0, Vat.calls(fakeVies, number));
    }

    private static void merge(String key, String source, String target, String strategy) {
        Api.as(key).body(Map.of("source_customer_id", source, "target_customer_id", target, "strategy", strategy))
                .when().post("/v1/customers/merge").then().statusCode(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
