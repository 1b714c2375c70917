package eu.billing.customers.reliability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Part of {@code ./mvnw verify}, so that a new route cannot wait for the reliability suite to be
 * noticed: every operation of the OpenAPI document is in the tenant sweep's table or exempt from
 * it with a reason, and the table names no operation that is gone.
 */
@QuarkusTest
class TenantSweepCoverageTest {

    @Test
    void everyDocumentedOperationIsSweptOrExempt() throws Exception {
        List<Operation> documented = ApiDocument.fetch(given()).operations();
        assertTrue(documented.size() >= TenantSweep.ROUTES.size(), "operations: " + documented);
        assertEquals(List.of(), TenantSweep.coverageProblems(documented));
    }

    @Test
    void aNewOperationOrAStaleEntryIsReported() throws Exception {
        List<Operation> documented = new ArrayList<>(ApiDocument.fetch(given()).operations());
        documented.add(Operation.of("DELETE /v1/gadgets/{id}"));
        documented.remove(Operation.of("GET /v1/events"));
        List<String> problems = TenantSweep.coverageProblems(documented);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("DELETE /v1/gadgets/{id} is not in the tenant sweep"), problems.get(0));
        assertTrue(problems.get(1).startsWith("GET /v1/events is in TenantSweep.ROUTES but not"), problems.get(1));
    }
}
