package eu.billing.customers.merge;

import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import eu.billing.customers.support.Api;
import io.restassured.response.ValidatableResponse;

/** Customers and merges made through the real HTTP API, for the merge tests. */
final class MergeFixtures {

    private MergeFixtures() {
    }

    /** A customer with a fresh external id; answers its id. */
    static String customer(String key, String name) {
        var body = Api.customer(name);
        body.put("external_id", Api.externalId());
        return Api.createCustomer(key, body);
    }

    static String organizationIdOf(String key, String customerId) {
        return Api.as(key).when().get("/v1/customers/" + customerId).then().statusCode(200)
                .extract().path("data.organization_id");
    }

    static ValidatableResponse merge(String key, String source, String target) {
        return Api.as(key).body(Map.of("source_customer_id", source, "target_customer_id", target))
                .when().post("/v1/customers/merge").then();
    }

    static ValidatableResponse merge(String key, String source, String target, String strategy) {
        return Api.as(key)
                .body(Map.of("source_customer_id", source, "target_customer_id", target, "strategy", strategy))
                .when().post("/v1/customers/merge").then();
    }

    static void status(String key, String customerId, String status) {
        Api.as(key).when().get("/v1/customers/" + customerId).then().statusCode(200)
                .body("data.status", equalTo(status));
    }
}
