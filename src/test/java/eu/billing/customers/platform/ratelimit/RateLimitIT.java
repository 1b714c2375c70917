package eu.billing.customers.platform.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import eu.billing.customers.support.PackagedApp;
import io.restassured.http.ContentType;

/**
 * The per-organization token bucket of the packaged service (prod profile, where it is on by
 * default), with a tiny bucket so that the test needs only a handful of requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitIT {

    PackagedApp app;

    @BeforeAll
    void start() throws Exception {
        app = PackagedApp.start(PackagedApp.Database.shared(), Map.of(
                "CUSTOMERS_RATE_LIMIT_REQUESTS_PER_SECOND", "0.05",
                "CUSTOMERS_RATE_LIMIT_BURST", "3"));
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aBusyOrganizationIsThrottledWithRetryAfterWhileAnotherIsNot() {
        String busy = organization("Busy");
        String quiet = organization("Quiet");
        for (int i = 0; i < 3; i++) {
            given().baseUri(app.baseUri()).header("Authorization", "Bearer " + busy)
                    .when().get("/v1/customers").then().statusCode(200);
        }
        String retryAfter = given().baseUri(app.baseUri()).header("Authorization", "Bearer " + busy)
                .when().get("/v1/customers")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .body("code", equalTo("RATE_LIMITED"))
                .body("request_id", notNullValue())
                .header("X-Request-Id", notNullValue())
                .extract().header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 20, "Retry-After " + retryAfter);
        // writes are limited too, and a throttled create writes nothing
        given().baseUri(app.baseUri()).header("Authorization", "Bearer " + busy).contentType(ContentType.JSON)
                .body(Map.of("name", "Throttled")).when().post("/v1/customers")
                .then().statusCode(429).body("code", equalTo("RATE_LIMITED"));

        // the other organization has its own bucket
        for (int i = 0; i < 3; i++) {
            given().baseUri(app.baseUri()).header("Authorization", "Bearer " + quiet)
                    .when().get("/v1/customers").then().statusCode(200).body("data.size()", equalTo(0));
        }
        // health and admin routes are not limited
        for (int i = 0; i < 5; i++) {
            assertEquals(200, given().baseUri(app.baseUri()).when().get("/q/health/ready").statusCode());
        }
    }

    @Test
    void theOpenApiDocumentNamesThe429OnLimitedRoutesOnly() {
        String json = given().baseUri(app.baseUri()).queryParam("format", "json")
                .when().get("/q/openapi").then().statusCode(200).extract().asString();
        io.restassured.path.json.JsonPath doc = new io.restassured.path.json.JsonPath(json);
        assertEquals("#/components/responses/RateLimited", doc.getString("paths.'/v1/customers/{id}'.get.responses.'429'.'$ref'"));
        assertEquals("#/components/responses/RateLimited", doc.getString("paths.'/v1/customers'.post.responses.'429'.'$ref'"));
        assertEquals("#/components/schemas/Problem",
                doc.getString("components.responses.RateLimited.content.'application/problem+json'.schema.'$ref'"));
        assertTrue(doc.getMap("components.responses.RateLimited.headers").containsKey("Retry-After"));
        assertTrue(doc.getMap("paths.'/v1/admin/organizations'.post.responses").get("429") == null);
    }

    private String organization(String name) {
        return given().baseUri(app.baseUri()).header("Authorization", "Bearer " + PackagedApp.ADMIN_TOKEN)
                .contentType(ContentType.JSON).body(Map.of("name", name, "default_currency", "EUR"))
                .when().post("/v1/admin/organizations").then().statusCode(201)
                .extract().path("data.api_key.secret");
    }
}
