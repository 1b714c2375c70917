package eu.billing.customers;

import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.billing.customers.support.AdminTokenResource;
import eu.billing.customers.support.Api;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The customers API of the packaged application (the prod-profile jar, or the native executable
 * with {@code -Dnative}) over HTTP: create, upsert, get, list with filters, wallet.
 */
@QuarkusIntegrationTest
@WithTestResource(AdminTokenResource.class)
class CustomersApiIT {

    @Test
    void createUpsertAndGet() {
        String key = Api.newOrganization();
        String externalId = Api.externalId();
        Map<String, Object> body = Api.customer("Ada Lovelace");
        body.put("external_id", externalId);
        body.put("customer_type", "company");
        body.put("default_credit_limit", "12.5");
        body.put("billing_address", Map.of("line1", "1 Analytical Way", "city", "London", "country", "GB"));

        var created = Api.as(key).body(body).when().post("/v1/customers")
                .then().statusCode(201).extract();
        String id = created.path("data.id");
        assertTrue(created.header("Location").endsWith("/v1/customers/" + id),
                created.header("Location"));

        body.put("name", "Ada King");
        Api.as(key).body(body).when().post("/v1/customers")
                .then().statusCode(200)
                .body("data.id", equalTo(id))
                .body("data.name", equalTo("Ada King"))
                .body("data.version", equalTo(2));

        Api.as(key).when().get("/v1/customers/" + id)
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .header("X-Request-Id", notNullValue())
                .body("data.external_id", equalTo(externalId))
                .body("data.customer_type", equalTo("BUSINESS"))
                .body("data.status", equalTo("ACTIVE"))
                .body("data.default_credit_limit", equalTo("12.50"))
                .body("data.billing_address.country", equalTo("GB"));
    }

    @Test
    void listFiltersByTagsAndStatus() {
        String key = Api.newOrganization();
        Map<String, Object> vip = Api.customer("Vip");
        vip.put("tags", List.of("vip", "eu"));
        String vipId = Api.createCustomer(key, vip);
        Map<String, Object> eu = Api.customer("Eu");
        eu.put("tags", List.of("eu"));
        String euId = Api.createCustomer(key, eu);
        String archivedId = Api.createCustomer(key, Api.customer("Gone"));
        Api.as(key).when().delete("/v1/customers/" + archivedId).then().statusCode(200);

        Api.as(key).queryParam("tags", "eu").when().get("/v1/customers")
                .then().statusCode(200)
                .body("data.id", contains(euId, vipId))
                .body("pagination.has_more", equalTo(false))
                .body("pagination.next_cursor", nullValue());
        Api.as(key).queryParam("tags", "vip,eu").when().get("/v1/customers")
                .then().statusCode(200).body("data.id", contains(vipId));
        Api.as(key).queryParam("status", "ARCHIVED").when().get("/v1/customers")
                .then().statusCode(200).body("data.id", contains(archivedId));
        Api.as(key).queryParam("limit", 1).when().get("/v1/customers")
                .then().statusCode(200)
                .body("data", hasSize(1))
                .body("pagination.has_more", equalTo(true))
                .body("pagination.next_cursor", notNullValue());
        Api.as(key).when().get("/v1/customers")
                .then().statusCode(200).body("data.id", containsInAnyOrder(vipId, euId));
    }

    @Test
    void walletAndErrors() {
        String key = Api.newOrganization("EUR");
        Map<String, Object> body = Api.customer("Wallet owner");
        body.put("default_max_balance", "1000");
        String id = Api.createCustomer(key, body);

        Api.as(key).when().get("/v1/customers/" + id + "/wallet")
                .then().statusCode(200)
                .body("data.customer_id", equalTo(id))
                .body("data.currency", equalTo("EUR"))
                .body("data.is_primary", equalTo(true))
                .body("data.max_balance", equalTo("1000.00"));

        String otherKey = Api.newOrganization();
        Api.as(otherKey).when().get("/v1/customers/" + id)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("CUSTOMER_NOT_FOUND"));
        Api.as(key).body("{\"name\": 12}").when().post("/v1/customers")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }
}
