package eu.billing.customers.platform.tenancy;

import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Another organization's customer is answered exactly as one that does not exist. */
@QuarkusTest
class TenantIsolationTest {

    @Test
    void aSecondOrganizationGets404OnEveryCustomerRouteAndSeesNothing() {
        String owner = Api.newOrganization();
        String other = Api.newOrganization();
        String ext = Api.externalId();
        String id = Api.createCustomer(owner, Map.of("name", "Private", "external_id", ext, "tags", java.util.List.of("secret")));
        String missing = "01a20eda-cb64-78e1-84b2-e2b2bd712575";

        for (String target : new String[] { id, missing }) {
            Response get = Api.as(other).when().get("/v1/customers/" + target);
            Response wallet = Api.as(other).when().get("/v1/customers/" + target + "/wallet");
            Response patch = Api.as(other).body(Map.of("name", "Hijacked")).when().patch("/v1/customers/" + target);
            Response delete = Api.as(other).when().delete("/v1/customers/" + target);
            Response restore = Api.as(other).when().post("/v1/customers/" + target + "/restore");
            for (Response r : new Response[] { get, wallet, patch, delete, restore }) {
                assertEquals(404, r.statusCode(), r.asString());
                assertEquals("CUSTOMER_NOT_FOUND", r.path("code"));
                assertEquals("no customer " + target, r.path("detail"));
            }
        }
        Api.as(other).when().get("/v1/customers").then().statusCode(200).body("data", emptyIterable());
        Api.as(other).when().get("/v1/customers?tags=secret").then().statusCode(200).body("data", emptyIterable());
        Api.as(other).when().get("/v1/customers?status=ACTIVE").then().statusCode(200).body("data", emptyIterable());
        // the other organization's own events (the creation of its API key) only: nothing about our customers
        Api.as(other).when().get("/v1/events").then().statusCode(200)
                .body("data.findAll { it.customer_id != null }", emptyIterable())
                .body("data.type", everyItem(equalTo("api_key.created")));
        Api.as(other).when().get("/v1/events?customer_id=" + id).then().statusCode(200).body("data", emptyIterable());

        // the same external id in the other organization is a new customer, not an upsert of ours
        Api.as(other).body(Map.of("name", "Theirs", "external_id", ext)).when().post("/v1/customers").then()
                .statusCode(201);
        Api.as(owner).when().get("/v1/customers/" + id).then().statusCode(200)
                .body("data.name", equalTo("Private"))
                .body("data.status", equalTo("ACTIVE"))
                .body("data.version", equalTo(1));
    }
}
