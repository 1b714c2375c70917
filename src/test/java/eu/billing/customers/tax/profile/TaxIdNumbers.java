package eu.billing.customers.tax.profile;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import eu.billing.customers.support.Api;
import eu.billing.customers.tax.id.CheckDigits;
import eu.billing.customers.tax.Vat;

/**
 * Fresh well-formed numbers whose fake register answer is a scenario (the first two digits of the
 * national number, see support/FakeRegister), and HTTP helpers of the tax identifier tests.
 */
final class TaxIdNumbers {

    private TaxIdNumbers() {
    }

    /** GB + scenario + 5 random digits + HMRC's check digits (the value as stored). */
    static String gbVat(String scenario) {
        while (true) {
            String base = scenario + digits(5);
            int check = CheckDigits.hmrcCheckDigits(base);
            if (check >= 0) {
                return "GB" + base + String.format("%02d", check);
            }
        }
    }

    /** CHE + scenario + 6 random digits + the MOD11 check digit + MWST (as stored). */
    static String chVat(String scenario) {
        while (true) {
            String base = scenario + digits(6);
            int check = CheckDigits.swissUid(base);
            if (check >= 0) {
                return "CHE" + base + check + "MWST";
            }
        }
    }

    /** NO + scenario + 6 random digits + the MOD11 check digit + MVA (as stored). */
    static String noVat(String scenario) {
        while (true) {
            String base = scenario + digits(6);
            int check = CheckDigits.norwegianOrganisationNumber(base);
            if (check >= 0) {
                return "NO" + base + check + "MVA";
            }
        }
    }

    /** A fresh German number whose fake-VIES answer is {@code scenario}. */
    static String deVat(String scenario) {
        return "DE" + scenario + digits(7);
    }

    /** The register's call counter for a national number (digits only). */
    static int calls(String fakeUrl, String value) {
        String key = value.startsWith("DE") ? value : value.replaceAll("\\D", "");
        return Integer.parseInt(given().when().get(fakeUrl + "/calls/" + key).then().statusCode(200)
                .extract().asString());
    }

    static List<Map<String, Object>> taxIds(String key, String customerId) {
        return Api.as(key).when().get("/v1/customers/" + customerId + "/tax-ids").then().statusCode(200)
                .extract().path("data");
    }

    static String taxIdStatus(String key, String customerId, String taxId) {
        return Api.as(key).when().get("/v1/customers/" + customerId + "/tax-ids/" + taxId).then().statusCode(200)
                .extract().path("data.verification.status");
    }

    static <T> T await(Supplier<T> probe, T expected, Duration within) {
        return Vat.await(probe, expected, within);
    }

    static List<Map<String, Object>> history(String key, String id) {
        return Vat.history(key, id);
    }

    static List<Map<String, Object>> events(String key, String id, String type) {
        return Vat.events(key, id, type);
    }

    static void settings(String key, Map<String, Object> patch) {
        Vat.settings(key, patch);
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }
}
