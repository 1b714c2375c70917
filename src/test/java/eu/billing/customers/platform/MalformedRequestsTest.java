package eu.billing.customers.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import eu.billing.customers.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A table of malformed requests: each answers the expected 4xx as problem+json with a code,
 * never a 500, never a class name, and changes nothing.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestsTest {

    String key;
    String id;

    /** Seeded once per class, on first use (RestAssured's port is only set per test). */
    @BeforeEach
    void setUp() {
        if (key != null) {
            return;
        }
        key = Api.newOrganization();
        id = Api.createCustomer(key, java.util.Map.of("name", "Target", "external_id", Api.externalId()));
    }

    static Stream<Arguments> cases() {
        String big = "{\"name\": \"" + "a".repeat(1_100_000) + "\"}";
        return Stream.of(
                // method, path, content type, body, status, code, field
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": ", 400, "MALFORMED_JSON", null),
                Arguments.of("POST", "/v1/customers", "application/json", "not json", 400, "MALFORMED_JSON", null),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\":\"a\"} trailing", 400, "MALFORMED_JSON", null),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\":\"a\",\"name\":\"b\"}", 400, "MALFORMED_JSON", null),
                Arguments.of("POST", "/v1/customers", "application/json", "[1, 2]", 400, "BAD_REQUEST", null),
                Arguments.of("POST", "/v1/customers", "application/json", "\"text\"", 400, "BAD_REQUEST", null),
                Arguments.of("POST", "/v1/customers", "application/json", "", 400, "BODY_REQUIRED", null),
                Arguments.of("POST", "/v1/customers", "application/json", "{}", 400, "VALIDATION_FAILED", "name"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": 12}", 400, "VALIDATION_FAILED", "name"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"\"}", 400, "VALIDATION_FAILED", "name"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"   \"}", 400, "VALIDATION_FAILED", "name"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"" + "n".repeat(201) + "\"}", 400, "VALIDATION_FAILED", "name"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"nmae\": \"typo\"}", 400, "VALIDATION_FAILED", "nmae"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"email\": \"nope\"}", 400, "VALIDATION_FAILED", "email"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"locale\": \"not a locale!\"}", 400, "VALIDATION_FAILED", "locale"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"customer_type\": \"ALIEN\"}", 400, "VALIDATION_FAILED", "customer_type"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"mode\": \"HYBRID\"}", 400, "VALIDATION_FAILED", "mode"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"billing_model\": 3}", 400, "VALIDATION_FAILED", "billing_model"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"preferred_currency\": \"EURO\"}", 400, "VALIDATION_FAILED", "preferred_currency"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"payment_terms_days\": 366}", 400, "VALIDATION_FAILED", "payment_terms_days"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"payment_terms_days\": \"30\"}", 400, "VALIDATION_FAILED", "payment_terms_days"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"payment_terms_days\": 1.5}", 400, "VALIDATION_FAILED", "payment_terms_days"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"payment_terms_days\": 99999999999999}", 400, "VALIDATION_FAILED", "payment_terms_days"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"peppol_id\": \"12:x\"}", 400, "VALIDATION_FAILED", "peppol_id"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"prefer_einvoice\": \"yes\"}", 400, "VALIDATION_FAILED", "prefer_einvoice"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"default_credit_limit\": 10.5}", 400, "VALIDATION_FAILED", "default_credit_limit"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"default_credit_limit\": \"-1\"}", 400, "VALIDATION_FAILED", "default_credit_limit"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"default_credit_limit\": \"1.23456\"}", 400, "VALIDATION_FAILED", "default_credit_limit"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"default_max_balance\": \"1e5\"}", 400, "VALIDATION_FAILED", "default_max_balance"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"default_max_balance\": \"9999999999999999\"}", 400, "VALIDATION_FAILED", "default_max_balance"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"tags\": [\"UPPER\"]}", 400, "VALIDATION_FAILED", "tags"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"tags\": \"vip\"}", 400, "VALIDATION_FAILED", "tags"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"tags\": [" + "\"t\",".repeat(50) + "\"t\"]}", 400, "VALIDATION_FAILED", "tags"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"metadata\": {\"k\": 1}}", 400, "VALIDATION_FAILED", "metadata"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"metadata\": {\"" + "k".repeat(41) + "\": \"v\"}}", 400, "VALIDATION_FAILED", "metadata"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"metadata\": {\"k\": \"" + "v".repeat(501) + "\"}}", 400, "VALIDATION_FAILED", "metadata"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"billing_address\": {\"country\": \"XX\"}}", 400, "VALIDATION_FAILED", "billing_address.country"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"billing_address\": {\"street\": \"x\"}}", 400, "VALIDATION_FAILED", "billing_address.street"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\\u0000b\"}", 400, "VALIDATION_FAILED", "name"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"status\": \"ACTIVE\"}", 400, "VALIDATION_FAILED", "status"),
                Arguments.of("POST", "/v1/customers", "application/json", "{\"name\": \"a\", \"id\": \"x\"}", 400, "VALIDATION_FAILED", "id"),
                Arguments.of("POST", "/v1/customers", "text/plain", "name=a", 415, "UNSUPPORTED_MEDIA_TYPE", null),
                Arguments.of("POST", "/v1/customers", "application/json", big, 413, "PAYLOAD_TOO_LARGE", null),
                Arguments.of("PUT", "/v1/customers", "application/json", "{}", 405, "METHOD_NOT_ALLOWED", null),
                Arguments.of("GET", "/v1/customers/not-a-uuid", null, null, 400, "INVALID_ID", "id"),
                Arguments.of("GET", "/v1/customers/01a20eda-cb64-78e1-84b2", null, null, 400, "INVALID_ID", "id"),
                Arguments.of("GET", "/v1/customers?limit=0", null, null, 400, "VALIDATION_FAILED", "limit"),
                Arguments.of("GET", "/v1/customers?limit=101", null, null, 400, "VALIDATION_FAILED", "limit"),
                Arguments.of("GET", "/v1/customers?limit=ten", null, null, 400, "VALIDATION_FAILED", "limit"),
                Arguments.of("GET", "/v1/customers?status=GONE", null, null, 400, "VALIDATION_FAILED", "status"),
                Arguments.of("GET", "/v1/customers?tags=Bad%20Tag", null, null, 400, "VALIDATION_FAILED", "tags"),
                Arguments.of("GET", "/v1/customers?cursor=%25%25%25", null, null, 400, "INVALID_CURSOR", null),
                Arguments.of("GET", "/v1/customers?cursor=YWJj", null, null, 400, "INVALID_CURSOR", null),
                Arguments.of("GET", "/v1/events?customer_id=nope", null, null, 400, "VALIDATION_FAILED", "customer_id"),
                Arguments.of("GET", "/v1/events?type=DROP%20TABLE", null, null, 400, "VALIDATION_FAILED", "type"),
                Arguments.of("GET", "/v1/nowhere", null, null, 404, "NOT_FOUND", null));
    }

    @ParameterizedTest(name = "{0} {1} {3} -> {4} {5}")
    @MethodSource("cases")
    void answersA4xxProblemAndChangesNothing(String method, String path, String contentType, String body,
            int status, String code, String field) {
        int before = customers();
        RequestSpecification request = RestAssured.given().header("Authorization", "Bearer " + key)
                .config(RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .urlEncodingEnabled(false);
        if (contentType != null) {
            request = request.contentType(contentType);
        }
        if (body != null) {
            request = request.body(body);
        }
        Response response = request.when().request(method, path);
        assertEquals(status, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("application/problem+json"), response.contentType());
        assertEquals(code, response.path("code"));
        assertNotNull(response.path("detail"));
        assertNotNull(response.header("X-Request-Id"));
        assertEquals(response.header("X-Request-Id"), response.path("request_id"));
        assertFalse(response.asString().contains("Exception"), response.asString());
        assertFalse(response.asString().contains("eu.billing"), response.asString());
        if (field != null) {
            List<String> fields = response.path("errors.field");
            assertTrue(fields.stream().anyMatch(f -> f.equals(field) || f.startsWith(field + ".")), "errors name " + field + ": " + response.asString());
        }
        assertEquals(before, customers(), "nothing was written");
    }

    @ParameterizedTest(name = "PATCH {0} -> {1}")
    @MethodSource("patchCases")
    void patchesThatAreRefusedLeaveTheCustomerUnchanged(String body, int status, String code) {
        Response response = Api.as(key).body(body).when().patch("/v1/customers/" + id);
        assertEquals(status, response.statusCode(), response.asString());
        assertEquals(code, response.path("code"));
        Api.as(key).when().get("/v1/customers/" + id).then().statusCode(200)
                .body("data.version", org.hamcrest.Matchers.equalTo(1))
                .body("data.name", org.hamcrest.Matchers.equalTo("Target"));
    }

    static Stream<Arguments> patchCases() {
        return Stream.of(
                Arguments.of("{\"name\": null}", 400, "VALIDATION_FAILED"),
                Arguments.of("{\"prefer_einvoice\": null}", 400, "VALIDATION_FAILED"),
                Arguments.of("{\"name\": \"ok\", \"email\": \"bad\"}", 400, "VALIDATION_FAILED"),
                Arguments.of("{\"version\": 9}", 400, "VALIDATION_FAILED"),
                Arguments.of("{\"mode\": \"PREPAID\"}", 400, "VALIDATION_FAILED"),
                Arguments.of("{\"status\": \"ARCHIVED\"}", 409, "INVALID_STATE_TRANSITION"),
                Arguments.of("{\"name\": \"x'; DROP TABLE customers; --\", \"tags\": [\"' OR 1=1\"]}", 400, "VALIDATION_FAILED"));
    }

    private int customers() {
        return Api.as(key).when().get("/v1/customers?limit=100&status=ACTIVE").then().statusCode(200)
                .extract().path("data.size()");
    }
}
