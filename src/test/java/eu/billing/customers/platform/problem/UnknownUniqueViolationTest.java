package eu.billing.customers.platform.problem;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A unique constraint the problem mapper has no entry for (a later migration's, or a Citus shard's
 * copy of one) still answers 409 {@code CONFLICT} through HTTP, never 500, and writes nothing. The
 * constraint is a real partial unique index that only this test's e-mail addresses can hit, so no
 * other test is affected.
 */
@QuarkusTest
class UnknownUniqueViolationTest {

    private static final String INDEX = "customers_probe_email_uk";

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void addAConstraintTheMapperDoesNotKnow() throws Exception {
        sql("CREATE UNIQUE INDEX IF NOT EXISTS " + INDEX + " ON customers (organization_id, email) "
                + "WHERE email LIKE 'unique-probe-%'");
    }

    @AfterEach
    void dropIt() throws Exception {
        sql("DROP INDEX IF EXISTS " + INDEX);
    }

    @Test
    void aPatchHittingAnUnknownUniqueIndexIs409AndChangesNothing() {
        String key = Api.newOrganization();
        String email = "unique-probe-" + UUID.randomUUID() + "@example.com";
        Api.createCustomer(key, Map.of("name", "A", "email", email));
        String b = Api.createCustomer(key, Map.of("name", "B", "email", "other@example.com"));
        Api.as(key).body(Map.of("email", email)).when().patch("/v1/customers/" + b).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("CONFLICT"))
                .body("detail", not(containsString("Exception")));
        Api.as(key).when().get("/v1/customers/" + b).then().statusCode(200)
                .body("data.email", equalTo("other@example.com"))
                .body("data.version", equalTo(1));
    }

    @Test
    void aCreateHittingAnUnknownUniqueIndexIs409() {
        String key = Api.newOrganization();
        String email = "unique-probe-" + UUID.randomUUID() + "@example.com";
        Api.createCustomer(key, Map.of("name", "A", "email", email));
        Api.as(key).body(Map.of("name", "B", "email", email)).when().post("/v1/customers").then()
                .statusCode(409)
                .body("code", equalTo("CONFLICT"));
        Api.as(key).when().get("/v1/customers?limit=10").then().statusCode(200)
                .body("data.size()", equalTo(1));
    }

    private void sql(String statement) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
