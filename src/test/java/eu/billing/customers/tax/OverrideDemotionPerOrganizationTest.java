package eu.billing.customers.tax;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import eu.billing.customers.support.FakeVies;
import eu.billing.customers.support.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * One demotion run is one unit of work per organization (issue 17): when one organization's
 * demotion fails, the failure is reported, the other organizations are still demoted, and the next
 * run retries the failed one. The failure is a real one: a trigger, created by the test, that
 * refuses every update of that organization's verification rows.
 */
@QuarkusTest
class OverrideDemotionPerOrganizationTest {

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource db;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aFailingOrganizationIsReportedAndTheOthersAreStillDemoted() throws SQLException {
        String failingKey = Api.newOrganization();
        String healthyKey = Api.newOrganization();
        String failing = expiringOverride(failingKey);
        String healthy = expiringOverride(healthyKey);
        String failingOrg = Api.as(failingKey).when().get("/v1/customers/" + failing).then()
                .extract().path("data.organization_id");
        clock.advance(Duration.ofMinutes(61));

        try (Connection connection = db.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("""
                    CREATE FUNCTION test_refuse_demotion() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'refused by OverrideDemotionPerOrganizationTest'; END $$""");
            sql.execute("CREATE TRIGGER test_refuse_demotion BEFORE UPDATE ON vat_verifications FOR EACH ROW "
                    + "WHEN (OLD.organization_id = '" + failingOrg + "') EXECUTE FUNCTION test_refuse_demotion()");
            try {
                run().body("data.failed_organizations", equalTo(1))
                        .body("data.failed_organization_ids", equalTo(List.of(failingOrg)))
                        .body("data.demoted", greaterThanOrEqualTo(1))
                        .body("data.organizations", greaterThanOrEqualTo(2));
                assertEquals("EXPIRED", override(healthyKey, healthy).get("ended_reason"));
                assertEquals("ACTIVE", override(failingKey, failing).get("state"));
            } finally {
                sql.execute("DROP TRIGGER test_refuse_demotion ON vat_verifications");
                sql.execute("DROP FUNCTION test_refuse_demotion()");
            }
        }

        // the next run retries the organization that failed
        run().body("data.failed_organizations", equalTo(0)).body("data.demoted", greaterThanOrEqualTo(1));
        assertEquals("EXPIRED", override(failingKey, failing).get("ended_reason"));
        assertEquals(1, Vat.events(healthyKey, healthy, "customer.vat_override_expired").size());
        assertEquals(1, Vat.events(failingKey, failing, "customer.vat_override_expired").size());
    }

    /** A customer with a one-hour override, in an organization without checks (no recheck noise). */
    private static String expiringOverride(String key) {
        String id = Vat.customerWithVat(key, Vat.number(FakeVies.VALID), false);
        Api.as(key).body(Map.of("reason", "evidence", "ttl", "PT1H"))
                .when().put("/v1/customers/" + id + "/vat-verification/manual-override").then().statusCode(200);
        Vat.settings(key, Map.of("vat_validation_enabled", false));
        return id;
    }

    private static Map<String, Object> override(String key, String id) {
        return Vat.history(key, id).stream().filter(r -> "MANUAL".equals(r.get("source"))).findFirst().orElseThrow();
    }

    private static ValidatableResponse run() {
        return given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .when().post("/v1/admin/jobs/vat-override-demotion").then().statusCode(200);
    }
}
