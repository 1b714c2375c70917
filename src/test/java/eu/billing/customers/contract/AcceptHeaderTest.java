package eu.billing.customers.contract;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Accept: a client that names only {@code application/problem+json} (as generated clients may,
 * from the error answers the document lists) gets its successes as {@code application/json} and
 * its errors as problems; only an Accept that allows neither is refused with 406.
 */
@QuarkusTest
class AcceptHeaderTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aClientAcceptingOnlyProblemJsonGetsItsAnswers() {
        String key = Api.newOrganization();
        String id = Api.as(key).accept(PROBLEM).body(Map.of("name", "Accepting")).when().post("/v1/customers")
                .then().statusCode(201).contentType(startsWith("application/json"))
                .extract().path("data.id");
        Api.as(key).accept(PROBLEM).when().get("/v1/customers/" + id)
                .then().statusCode(200).contentType(startsWith("application/json")).body("data.id", equalTo(id));
        Api.as(key).accept(PROBLEM).when().get("/v1/customers")
                .then().statusCode(200).contentType(startsWith("application/json")).body("data[0].id", equalTo(id));
        Api.as(key).accept(PROBLEM).when().get("/v1/customers/" + UUID.randomUUID())
                .then().statusCode(404).contentType(startsWith(PROBLEM)).body("code", equalTo("CUSTOMER_NOT_FOUND"));
        Api.as(key).accept(PROBLEM + ", application/json").when().get("/v1/customers/" + id)
                .then().statusCode(200).contentType(startsWith("application/json"));
    }

    @Test
    void anAcceptThatAllowsNeitherIsRefused() {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Api.customer("Refused"));
        Api.as(key).accept("text/html").when().get("/v1/customers/" + id)
                .then().statusCode(406).contentType(startsWith(PROBLEM)).body("code", equalTo("NOT_ACCEPTABLE"));
    }
}
