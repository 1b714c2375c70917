package eu.billing.customers.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import eu.billing.customers.support.SqlRecorder;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The statements the hot paths cost (issue 16), pinned: a regression that adds a round trip fails
 * here. Counted are the statements the persistence unit's StatementInspector sees ({@link SqlRecorder}:
 * Hibernate's, and the read paths' JDBC statements through {@code JdbcReads}); the API key lookup (at
 * most one per key and replica every {@code customers.api-keys.cache-max-age}) and its last_used_at
 * (at most once a minute) are plain JDBC beside them, and BEGIN/COMMIT are not statements. Each
 * figure is the fewest of three requests: a background job may add its own statements to one.
 */
@QuarkusTest
class CustomerStatementsTest {

    static final int GET = 1;
    static final int PAGE = 1;
    /**
     * Custom-field lock and definitions, the organization's settings (the tax treatment: a new
     * customer given no identifiers has no rows of tax_ids to read), the customer, its wallet, its
     * event, the webhook fan-out of the event, the answer read back.
     */
    static final int CREATE = 8;
    /**
     * With an external id: the same, the customer's INSERT being the claim of the id, which writes
     * the complete row (treatment included), and the merged-pointer check after it; no SELECT of the
     * claimed row, no UPDATE of it.
     */
    static final int CREATE_WITH_EXTERNAL_ID = 9;

    private static String key;
    private static String customer;

    /** One organization for the class (made at the first test: the application is up by then). */
    @BeforeEach
    void organization() {
        if (key != null) {
            return;
        }
        key = Api.newOrganization();
        Api.as(key).body(Map.of("key", "tier", "label", "Tier", "type", "ENUM", "options", List.of("gold", "standard")))
                .when().post("/v1/custom-fields").then().statusCode(201);
        customer = Api.createCustomer(key, Map.of("name", "Taxed", "vat_number", "DE101234567",
                "auto_validate_vat", false, "customer_type", "BUSINESS",
                "billing_address", Map.of("country", "FR"),
                "tax_ids", List.of(Map.of("type", "other", "value", "REF-1"))));
        for (int i = 0; i < 3; i++) {
            Api.createCustomer(key, Map.of("name", "Plain " + i));
        }
    }

    @Test
    void aGetOfOneCustomerIsOneStatement() {
        assertEquals(GET, fewest(() -> {
            Api.as(key).when().get("/v1/customers/" + customer).then().statusCode(200);
            return SqlRecorder.statements();
        }).size());
    }

    @Test
    void aListPageIsOneStatement() {
        assertEquals(PAGE, fewest(() -> {
            Api.as(key).when().get("/v1/customers").then().statusCode(200);
            return SqlRecorder.statements();
        }).size());
    }

    @Test
    void aCreateWritesTheCustomerRowOnce() {
        List<String> statements = fewest(() -> {
            Api.createCustomer(key, Map.of("name", "New", "email", "new@example.com", "tags", List.of("bench"),
                    "metadata", Map.of("source", "test"), "custom_fields", Map.of("tier", "gold")));
            return SqlRecorder.statements();
        });
        assertEquals(0, count(statements, "update customers"), String.join("\n", statements));
        assertEquals(1, count(statements, "insert into customers"), String.join("\n", statements));
        assertEquals(CREATE, statements.size(), String.join("\n", statements));
    }

    @Test
    void aCreateWithAnExternalIdWritesTheRowOnceInItsClaim() {
        List<String> statements = fewest(() -> {
            Api.createCustomer(key, Map.of("external_id", Api.externalId(), "name", "New", "email", "new@example.com",
                    "tags", List.of("bench"), "metadata", Map.of("source", "test"), "custom_fields", Map.of("tier", "gold")));
            return SqlRecorder.statements();
        });
        assertClaimWritesTheRow(statements);
    }

    @Test
    void aCreateWithAnExternalIdAndANameOnly() {
        List<String> statements = fewest(() -> {
            Api.createCustomer(key, Map.of("external_id", Api.externalId(), "name", "New"));
            return SqlRecorder.statements();
        });
        assertClaimWritesTheRow(statements);
    }

    private static void assertClaimWritesTheRow(List<String> statements) {
        assertEquals(0, count(statements, "update customers"), String.join("\n", statements));
        assertEquals(0, count(statements, "select c1_0.id,c1_0.billing_city"), String.join("\n", statements));
        assertEquals(1, count(statements, "insert into customers"), String.join("\n", statements));
        assertEquals(CREATE_WITH_EXTERNAL_ID, statements.size(), String.join("\n", statements));
    }

    private static long count(List<String> statements, String prefix) {
        return statements.stream().filter(s -> s.trim().toLowerCase(Locale.ROOT).startsWith(prefix)).count();
    }

    /** The statements of the run that recorded fewest, of three. */
    private static List<String> fewest(Supplier<List<String>> run) {
        List<String> fewest = null;
        for (int i = 0; i < 3; i++) {
            SqlRecorder.clear();
            List<String> recorded = run.get();
            if (fewest == null || recorded.size() < fewest.size()) {
                fewest = recorded;
            }
        }
        return fewest;
    }
}
