package eu.billing.customers.customer;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SmokeTest {

    @Test
    void createAndGet() {
        String key = Api.newOrganization();
        var body = Api.customer("Ada");
        body.put("default_credit_limit", "12.5");
        body.put("tags", java.util.List.of("vip", "eu"));
        body.put("metadata", java.util.Map.of("crm", "42"));
        String id = Api.createCustomer(key, body);
        Api.as(key).when().get("/v1/customers/" + id).then().log().all().statusCode(200)
                .body("data.name", equalTo("Ada"))
                .body("data.default_credit_limit", equalTo("12.50"))
                .header("ETag", notNullValue());
        Api.as(key).when().get("/v1/customers/" + id + "/wallet").then().log().all().statusCode(200);
        Api.as(key).when().get("/v1/events").then().log().all().statusCode(200);
        Api.as(key).body("{\"name\": 12, \"bogus\": 1, \"tags\": [\"A B\"], \"default_credit_limit\": 3.5}")
                .when().post("/v1/customers").then().log().all().statusCode(400);
    }
}
