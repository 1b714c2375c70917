package eu.billing.customers.customer;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import eu.billing.customers.support.SqlRecorder;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A page of GET /v1/customers reads the tax profiles (identifiers, the primary's latest check, the
 * organization's settings) of the whole page at once: the statements it costs do not grow with the
 * page size (no query per customer), and each customer is answered exactly as GET /v1/customers/{id}
 * answers it.
 */
@QuarkusTest
class CustomerListStatementsTest {

    static final int CUSTOMERS = 50;

    @Test
    void aPageCostsTheSameStatementsWhateverItsSize() {
        String key = Api.newOrganization();
        for (int i = 0; i < CUSTOMERS; i++) {
            Api.createCustomer(key, Map.of("name", "Customer " + i, "vat_number", "DE101234567",
                    "auto_validate_vat", false, "tax_ids", List.of(
                            Map.of("type", "eu_vat", "value", "DE101234567"),
                            Map.of("type", "other", "value", "REF-" + i))));
        }
        int five = statements(key, 5);
        int fifty = statements(key, CUSTOMERS);
        assertEquals(five, fifty, "statements for a page of 5 and a page of " + CUSTOMERS);
        assertTrue(fifty <= 8, "statements for a page of " + CUSTOMERS + ": " + fifty);
    }

    @Test
    void aListedCustomerIsAnsweredAsItsOwnGetAnswersIt() {
        String key = Api.newOrganization();
        for (int i = 0; i < 3; i++) {
            Api.createCustomer(key, Map.of("name", "Customer " + i, "vat_number", "DE101234567",
                    "auto_validate_vat", false, "customer_type", "BUSINESS",
                    "tax_ids", List.of(Map.of("type", "eu_vat", "value", "DE101234567"),
                            Map.of("type", "other", "value", "REF-" + i))));
        }
        Api.createCustomer(key, Map.of("name", "No tax ids"));
        List<Map<String, Object>> listed = Api.as(key).when().get("/v1/customers").then().statusCode(200)
                .extract().path("data");
        assertEquals(4, listed.size());
        for (Map<String, Object> customer : listed) {
            Map<String, Object> own = Api.as(key).when().get("/v1/customers/" + customer.get("id")).then()
                    .statusCode(200).extract().path("data");
            assertEquals(own, customer);
        }
    }

    /** The statements one page costs: the fewest of three reads (a background job may add its own). */
    private static int statements(String key, int limit) {
        int fewest = Integer.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            SqlRecorder.clear();
            Api.as(key).when().get("/v1/customers?limit=" + limit).then().statusCode(200)
                    .body("data.size()", is(limit));
            fewest = Math.min(fewest, SqlRecorder.statements().size());
        }
        return fewest;
    }
}
