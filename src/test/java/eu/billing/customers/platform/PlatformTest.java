package eu.billing.customers.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Health endpoints and the OpenAPI document. */
@QuarkusTest
class PlatformTest {

    @Test
    void livenessAndReadinessAreUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    void openApiDocumentsEndpointsFieldsEnumsAndProblems() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/customers'.post", notNullValue())
                .body("paths.'/v1/customers'.get", notNullValue())
                .body("paths.'/v1/customers/{id}'.patch.responses.'412'", notNullValue())
                .body("paths.'/v1/customers/{id}/wallet'.get", notNullValue())
                .body("paths.'/v1/events'.get", notNullValue())
                .body("paths.'/v1/admin/organizations'.post", notNullValue())
                .body("components.schemas.Customer.properties.vat_validation_status", notNullValue())
                .body("components.schemas.Customer.properties.default_credit_limit.type", equalTo("string"))
                .body("components.schemas.CustomerFields.properties.external_id", notNullValue())
                .body("components.schemas.CustomerStatus.enum", hasItem("MERGED"))
                .body("components.schemas.Problem.properties.code", notNullValue())
                .body("components.securitySchemes.api_key.scheme", equalTo("bearer"));
    }
}
