package eu.billing.customers.tax;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import eu.billing.customers.support.Api;

/** Test helpers for VAT validation: fake-VIES numbers, call counts, and waiting for a status. */
public final class Vat {

    private Vat() {
    }

    /** A fresh German number whose fake-VIES answer is {@code scenario} (see FakeVies). */
    static String number(String scenario) {
        return "DE" + scenario + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    /** How many checks of {@code vatNumber} reached the fake VIES. */
    static int calls(String fakeVies, String vatNumber) {
        return Integer.parseInt(given().when().get(fakeVies + "/calls/" + vatNumber).then().statusCode(200)
                .extract().asString());
    }

    static String lastRequest(String fakeVies, String vatNumber) {
        return given().when().get(fakeVies + "/last/" + vatNumber).then().statusCode(200).extract().asString();
    }

    static String customerWithVat(String key, String vatNumber, Boolean autoValidate) {
        var body = Api.customer("VAT customer");
        body.put("vat_number", vatNumber);
        if (autoValidate != null) {
            body.put("auto_validate_vat", autoValidate);
        }
        return Api.createCustomer(key, body);
    }

    static String status(String key, String id) {
        return Api.as(key).when().get("/v1/customers/" + id).then().statusCode(200)
                .extract().path("data.vat_validation_status");
    }

    /** Waits until the customer's status is {@code expected}; answers the last status seen. */
    static String awaitStatus(String key, String id, String expected, Duration within) {
        return await(() -> status(key, id), expected, within);
    }

    /** Polls {@code probe} every 50 ms until it answers {@code expected} or {@code within} has passed; the last answer. */
    public static <T> T await(java.util.function.Supplier<T> probe, T expected, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        T seen;
        do {
            seen = probe.get();
            if (expected.equals(seen)) {
                return seen;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return seen;
            }
        } while (System.nanoTime() < end);
        return seen;
    }

    public static List<Map<String, Object>> history(String key, String id) {
        return Api.as(key).when().get("/v1/customers/" + id + "/vat-verifications?limit=100").then().statusCode(200)
                .extract().path("data");
    }

    public static List<Map<String, Object>> events(String key, String id, String type) {
        return Api.as(key).when().get("/v1/events?limit=100&customer_id=" + id + "&type=" + type).then().statusCode(200)
                .extract().path("data");
    }

    public static void settings(String key, Map<String, Object> patch) {
        Api.as(key).body(patch).when().patch("/v1/organization/settings").then().statusCode(200);
    }
}
