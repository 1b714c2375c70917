package eu.billing.customers.platform.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The request id reaches the logging MDC on the thread that runs the resource method (a
 * test-only endpoint, {@link MdcEchoResource}, answers what the MDC holds there).
 */
@QuarkusTest
class RequestIdLoggingTest {

    @Test
    void clientRequestIdIsInTheMdc() {
        given().header("X-Request-Id", "req-123.abc")
                .when().get("/test-support/mdc")
                .then().statusCode(200)
                .header("X-Request-Id", "req-123.abc")
                .body(equalTo("req-123.abc"));
    }

    @Test
    void generatedRequestIdIsInTheMdc() {
        String id = given().when().get("/test-support/mdc")
                .then().statusCode(200)
                .body(matchesPattern("[0-9a-f-]{36}"))
                .extract().header("X-Request-Id");
        given().header("X-Request-Id", id).when().get("/test-support/mdc").then().body(equalTo(id));
    }
}
