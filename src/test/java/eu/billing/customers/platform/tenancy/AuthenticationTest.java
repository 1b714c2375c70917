package eu.billing.customers.platform.tenancy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** API keys, the admin bootstrap, and the actor recorded on changes. */
@QuarkusTest
class AuthenticationTest {

    @Test
    void missingMalformedAndUnknownKeysAre401() {
        given().when().get("/v1/customers").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"));
        given().header("Authorization", "Basic dXNlcjpwYXNz").when().get("/v1/customers").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        given().header("Authorization", "Bearer not-a-key").when().get("/v1/events").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        String key = Api.newOrganization();
        String forged = key.substring(0, key.length() - 4) + "AAAA";
        given().header("Authorization", "Bearer " + forged).when().get("/v1/customers").then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        Api.as(key).when().get("/v1/customers").then().statusCode(200);
    }

    @Test
    void adminRoutesNeedTheAdminTokenNotAnApiKey() {
        String key = Api.newOrganization();
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "default_currency", "EUR"))
                .when().post("/v1/admin/organizations").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        given().contentType(ContentType.JSON).body(Map.of("name", "x"))
                .when().post("/v1/admin/organizations").then().statusCode(401);
    }

    @Test
    void createOrganizationAnswersTheKeyOnceAndMintingAnotherKeyWorks() {
        var created = given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "Bootstrap Ltd", "default_currency", "GBP"))
                .when().post("/v1/admin/organizations")
                .then().statusCode(201)
                .body("data.organization.name", equalTo("Bootstrap Ltd"))
                .body("data.organization.default_currency", equalTo("GBP"))
                .body("data.organization.id", notNullValue())
                .body("data.api_key.id", notNullValue())
                .body("data.api_key.secret", matchesPattern("ck_[0-9a-f]{32}_[A-Za-z0-9_-]{43}"))
                .extract();
        String orgId = created.path("data.organization.id");
        String second = given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "ci key"))
                .when().post("/v1/admin/organizations/" + orgId + "/api-keys")
                .then().statusCode(201).body("data.api_key.id", notNullValue())
                .extract().path("data.api_key.secret");
        String first = created.path("data.api_key.secret");
        String customer = Api.createCustomer(first, Map.of("name", "Shared"));
        Api.as(second).when().get("/v1/customers/" + customer).then().statusCode(200);

        given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/admin/organizations/01a20eda-cb64-78e1-84b2-e2b2bd712575/api-keys")
                .then().statusCode(404).body("code", equalTo("ORGANIZATION_NOT_FOUND"));
        given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("name", "", "default_currency", "XYZ"))
                .when().post("/v1/admin/organizations")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.size()", equalTo(2));
    }

    @Test
    void theKeyAndXActorAreRecordedOnEveryChange() {
        String key = Api.newOrganization();
        String id = Api.as(key).header("X-Actor", "ops@example.com").body(Map.of("name", "Audited"))
                .when().post("/v1/customers").then().statusCode(201).extract().path("data.id");
        Api.as(key).when().get("/v1/events?customer_id=" + id).then().statusCode(200)
                .body("data[0].actor.type", equalTo("api_key"))
                .body("data[0].actor.api_key_id", notNullValue())
                .body("data[0].actor.label", equalTo("ops@example.com"));
        Api.as(key).header("X-Actor", "x".repeat(201)).body(Map.of("name", "Too long"))
                .when().post("/v1/customers").then().statusCode(400).body("code", equalTo("INVALID_HEADER"));
    }

    @Test
    void everyResponseCarriesARequestIdAndAClientOneIsEchoed() {
        given().header("X-Request-Id", "trace-123").when().get("/v1/customers").then().statusCode(401)
                .header("X-Request-Id", equalTo("trace-123"))
                .body("request_id", equalTo("trace-123"));
        given().when().get("/q/health/live").then().statusCode(200).header("X-Request-Id", notNullValue());
    }
}
