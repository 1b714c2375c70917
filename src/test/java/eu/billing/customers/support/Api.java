package eu.billing.customers.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Test-side helpers: organizations, keys and customers made through the real HTTP API. */
public final class Api {

    public static final String ADMIN_TOKEN = "test-admin-token";

    private Api() {
    }

    /** A new organization; answers its API key. */
    public static String newOrganization() {
        return newOrganization("EUR");
    }

    public static String newOrganization(String currency) {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "Org " + UUID.randomUUID(), "default_currency", currency))
                .when().post("/v1/admin/organizations")
                .then().statusCode(201)
                .extract().path("data.api_key.secret");
    }

    /** A request authenticated with the given API key, sending and accepting JSON. */
    public static RequestSpecification as(String apiKey) {
        return given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    /** A fresh external id, so tests never share rows. */
    public static String externalId() {
        return "ext-" + UUID.randomUUID();
    }

    /** A minimal valid create body, to be extended by the test. */
    public static Map<String, Object> customer(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        return body;
    }

    /** Creates a customer and answers its id. */
    public static String createCustomer(String apiKey, Map<String, Object> body) {
        return as(apiKey).body(body).when().post("/v1/customers")
                .then().statusCode(201).extract().path("data.id");
    }
}
