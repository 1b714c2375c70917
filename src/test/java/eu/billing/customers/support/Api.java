package eu.billing.customers.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
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

    /**
     * A create body with the billing profile filled in (contact, billing model and currency, terms,
     * e-invoicing, providers, wallet defaults, address, tags, metadata), to be extended by the test:
     * no external id, VAT number, tax identifier or custom field.
     */
    public static Map<String, Object> richCustomer(String name) {
        Map<String, Object> body = customer(name);
        body.put("email", "billing@rich.example");
        body.put("locale", "de-DE");
        body.put("customer_type", "BUSINESS");
        body.put("billing_model", "HYBRID");
        body.put("preferred_currency", "USD");
        body.put("payment_terms_days", 45);
        body.put("peppol_id", "0088:1234567890123");
        body.put("prefer_einvoice", true);
        body.put("einvoice_email", "einvoice@rich.example");
        body.put("preferred_provider", "stripe");
        body.put("disabled_providers", List.of("paypal"));
        body.put("default_credit_limit", "1000.50");
        body.put("default_max_balance", "99999.9999");
        body.put("default_low_balance_threshold", "10");
        body.put("default_auto_topup_enabled", true);
        body.put("default_auto_topup_amount", "25.00");
        body.put("billing_address", Map.of("line1", "Hauptstr. 1", "city", "Berlin", "postal_code", "10115",
                "country", "DE"));
        body.put("tags", List.of("vip", "eu"));
        body.put("metadata", Map.of("crm", "42", "segment", "smb"));
        return body;
    }

    /** Creates a customer and answers its id. */
    public static String createCustomer(String apiKey, Map<String, Object> body) {
        return as(apiKey).body(body).when().post("/v1/customers")
                .then().statusCode(201).extract().path("data.id");
    }
}
