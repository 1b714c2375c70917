package eu.billing.customers.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;

import eu.billing.customers.support.Api;
import eu.billing.customers.support.ContractValidation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.ResponseBuilder;
import io.restassured.response.Response;

/**
 * The contract check of the test suite ({@link ContractValidation}) itself: it is installed for
 * every test, and it fails on each kind of mismatch it is meant to catch.
 */
@QuarkusTest
class ContractValidationTest {

    private static final String PAGE = "{\"data\": [], \"pagination\": {\"limit\": 20, \"has_more\": false, "
            + "\"next_cursor\": null}}";

    OpenApiInteractionValidator validator;

    @BeforeEach
    void servedDocument() {
        validator = ContractValidation.validator(URI.create(RestAssured.baseURI + ":" + RestAssured.port));
    }

    @Test
    void everyTestRunsUnderTheContractCheck() {
        assertTrue(RestAssured.filters().stream().anyMatch(f -> f instanceof ContractValidation),
                "ContractValidationExtension did not install the filter");
        long before = ContractValidation.checked();
        Api.as(Api.newOrganization()).when().get("/v1/customers").then().statusCode(200);
        assertTrue(ContractValidation.checked() >= before + 2, "the admin and the list answers were not checked");
    }

    @Test
    void aDocumentedAnswerPasses() {
        assertDoesNotThrow(() -> ContractValidation.check(validator, list("20"), answer(200, "application/json", PAGE)));
        assertDoesNotThrow(() -> ContractValidation.check(validator, list("0"), answer(400, "application/problem+json",
                "{\"type\": \"t\", \"title\": \"t\", \"status\": 400, \"code\": \"VALIDATION_FAILED\", \"more\": 1}")));
    }

    @Test
    void anAnswerThatDoesNotMatchItsSchemaFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> ContractValidation.check(validator, list("20"),
                answer(200, "application/json", "{\"data\": \"not a list\", \"pagination\": null}")));
        assertTrue(e.getMessage().contains("does not match the OpenAPI document"), e.getMessage());
    }

    @Test
    void anUndocumentedStatusFails() {
        assertThrows(AssertionError.class, () -> ContractValidation.check(validator, list("20"),
                answer(418, "application/problem+json", "{\"code\": \"TEAPOT\"}")));
    }

    @Test
    void aMissingRequestIdHeaderFails() {
        Response noRequestId = new ResponseBuilder().setStatusCode(200).setContentType("application/json").setBody(PAGE)
                .build();
        assertThrows(AssertionError.class, () -> ContractValidation.check(validator, list("20"), noRequestId));
    }

    @Test
    void aSuccessForARequestTheDocumentCallsInvalidFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> ContractValidation.check(validator, list("0"),
                answer(200, "application/json", PAGE)));
        assertTrue(e.getMessage().contains("stricter than the service"), e.getMessage());
    }

    @Test
    void aRouteTheDocumentDoesNotHaveMustBeRefusedAsAProblem() {
        Request unknown = SimpleRequest.Builder.get("/v1/nowhere").withHeader("Authorization", "Bearer k").build();
        assertThrows(AssertionError.class, () -> ContractValidation.check(validator, unknown,
                answer(200, "application/json", "{}")));
        assertDoesNotThrow(() -> ContractValidation.check(validator, unknown,
                answer(404, "application/problem+json", "{\"code\": \"NOT_FOUND\", \"status\": 404}")));
    }

    private static Request list(String limit) {
        return SimpleRequest.Builder.get("/v1/customers").withQueryParam("limit", limit)
                .withHeader("Authorization", "Bearer k").build();
    }

    private static Response answer(int status, String type, String body) {
        return new ResponseBuilder().setStatusCode(status).setContentType(type).setBody(body)
                .setHeader("X-Request-Id", "test").build();
    }
}
