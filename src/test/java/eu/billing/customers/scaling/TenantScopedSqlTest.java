package eu.billing.customers.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import eu.billing.customers.support.SqlRecorder;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every statement the service sends about a tenant table names organization_id in its WHERE clause
 * (or, for an INSERT, among its columns), so Citus can route it to one shard and tenant isolation
 * does not rest on lookups by id alone. Statements are recorded by Hibernate's StatementInspector
 * ({@link SqlRecorder}) while the whole API is exercised over HTTP. And no UPDATE sets
 * organization_id, the distribution column.
 */
@QuarkusTest
class TenantScopedSqlTest {

    @Inject
    AgroalDataSource db;

    /** The statements of one exercise of the whole API, shared by the checks below. */
    private static List<String> recorded;

    private List<String> statements() {
        if (recorded == null) {
            SqlRecorder.clear();
            exerciseTheApi();
            recorded = SqlRecorder.statements();
        }
        return recorded;
    }

    @Test
    void everyStatementOnATenantTableFiltersByOrganization() throws Exception {
        List<String> statements = statements();
        List<String> tenantTables = tenantTables();
        Pattern touches = Pattern.compile("\\b(from|join|update|into)\\s+(" + String.join("|", tenantTables) + ")\\b");
        int checked = 0;
        List<String> violations = new ArrayList<>();
        for (String sql : statements) {
            String s = sql.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
            Matcher m = touches.matcher(s);
            if (!m.find()) {
                continue;
            }
            checked++;
            if (s.startsWith("/* fan-out: read-only, no locks */ select")) {
                continue; // a declared cross-organization scan (docs/scaling.md): no locks, no writes
            }
            if (s.startsWith("insert")) {
                if (!s.contains("organization_id")) {
                    violations.add(sql);
                }
                continue;
            }
            int where = s.indexOf(" where ");
            if (where < 0 || s.indexOf("organization_id", where) < 0) {
                violations.add(sql);
            }
        }
        assertTrue(checked > 20, "statements were recorded: " + checked);
        assertEquals(List.of(), violations);
    }

    /**
     * No UPDATE sets organization_id, the distribution column: Citus refuses it even when the value
     * does not change ("modifying the partition value of rows is not allowed"), so such a statement
     * is a 500 on a cluster. Entity UPDATEs list every updatable column, so one entity mapping
     * organization_id updatable shows up here as soon as the API updates one of its rows.
     */
    @Test
    void noUpdateSetsTheDistributionColumn() {
        int updates = 0;
        List<String> violations = new ArrayList<>();
        for (String sql : statements()) {
            String s = sql.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
            Matcher update = UPDATE_SET.matcher(s);
            if (!update.find()) {
                continue;
            }
            updates++;
            String setList = SET_LIST_END.split(s.substring(update.end()), 2)[0];
            if (SETS_ORGANIZATION.matcher(setList).find()) {
                violations.add(sql);
            }
        }
        assertTrue(updates > 10, "UPDATE statements were recorded: " + updates);
        assertEquals(List.of(), violations, "UPDATEs that set organization_id (map it updatable = false)");
    }

    @Test
    void theSetListCheckSeesTheColumnOnlyInTheSetList() {
        Matcher update = UPDATE_SET.matcher("update vat_verifications set ended_at=?,organization_id=?,state=? "
                + "where id=? and organization_id=?");
        assertTrue(update.find());
        String setList = SET_LIST_END.split("ended_at=?,organization_id=?,state=? where id=? and organization_id=?", 2)[0];
        assertTrue(SETS_ORGANIZATION.matcher(setList).find(), setList);
        String scoped = SET_LIST_END.split("state=? where id=? and organization_id=?", 2)[0];
        assertFalse(SETS_ORGANIZATION.matcher(scoped).find(), scoped);
    }

    /** {@code update <table> set} at the start of a statement (after an optional comment). */
    private static final Pattern UPDATE_SET = Pattern.compile("^(/\\*.*?\\*/ )?update \\S+( as \\S+| \\S+)? set ");
    private static final Pattern SET_LIST_END = Pattern.compile(" (where|from|returning) ");
    private static final Pattern SETS_ORGANIZATION = Pattern.compile("(^|[\\s,(])(\\w+\\.)?organization_id\\s*=");

    private void exerciseTheApi() {
        String key = Api.newOrganization();
        String ext = Api.externalId();
        String a = Api.createCustomer(key, Map.of("name", "A", "external_id", ext, "tags", List.of("t")));
        String b = Api.createCustomer(key, Map.of("name", "B"));
        Api.as(key).body(Map.of("external_id", ext, "name", "A2")).when().post("/v1/customers").then().statusCode(200);
        Api.as(key).when().get("/v1/customers/" + a).then().statusCode(200);
        Api.as(key).when().get("/v1/customers?tags=t").then().statusCode(200);
        String cursor = Api.as(key).when().get("/v1/customers?limit=1").then().extract().path("pagination.next_cursor");
        Api.as(key).when().get("/v1/customers?limit=1&cursor=" + cursor).then().statusCode(200);
        Api.as(key).when().get("/v1/customers?status=ARCHIVED").then().statusCode(200);
        Api.as(key).when().get("/v1/customers/" + a + "/wallet").then().statusCode(200);
        Api.as(key).body(Map.of("email", "a@example.com", "preferred_currency", "USD")).when()
                .patch("/v1/customers/" + a).then().statusCode(200);
        Api.as(key).body(Map.of("mode", "PREPAID", "reason", "r")).when().post("/v1/customers/" + a + "/billing-mode")
                .then().statusCode(200);
        Api.as(key).body(Map.of("customer_type", "BUSINESS", "reason", "r")).when()
                .post("/v1/customers/" + a + "/customer-type").then().statusCode(200);
        Api.as(key).body(Map.of("preferred_provider", "stripe")).when()
                .patch("/v1/customers/" + a + "/payment-providers").then().statusCode(200);
        Api.as(key).when().delete("/v1/customers/" + b).then().statusCode(200);
        Api.as(key).when().post("/v1/customers/" + b + "/restore").then().statusCode(200);
        Api.as(key).body(Map.of("source_customer_id", b, "target_customer_id", a)).when()
                .post("/v1/customers/merge").then().statusCode(200);
        Api.as(key).when().get("/v1/customers/" + b).then().statusCode(200);
        Api.as(key).when().get("/v1/events?customer_id=" + a + "&type=customer.updated").then().statusCode(200);
        Api.as(key).when().get("/v1/customers/01a20eda-cb64-78e1-84b2-e2b2bd712575").then().statusCode(404);

        // VAT validation: synchronous check, background check, override set/cleared/expired, history, settings
        Api.as(key).body(Map.of("vat_number", "DE101234567")).when().patch("/v1/customers/" + a).then().statusCode(200);
        // the background check the PATCH started holds the number's lease while it asks VIES: until it
        // is done the synchronous check answers 409 TAX_ID_VERIFICATION_IN_PROGRESS (issue 11)
        int status = 409;
        for (int i = 0; i < 100 && status == 409; i++) {
            status = Api.as(key).when().post("/v1/customers/" + a + "/vat-verification").then().extract().statusCode();
            if (status == 409) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(200, status);
        Api.as(key).body(Map.of("reason", "paper certificate", "ttl", "P1D")).when()
                .put("/v1/customers/" + a + "/vat-verification/manual-override").then().statusCode(200);
        Api.as(key).when().delete("/v1/customers/" + a + "/vat-verification/manual-override").then().statusCode(200);
        Api.as(key).when().get("/v1/customers/" + a + "/vat-verifications").then().statusCode(200);
        Api.as(key).when().get("/v1/organization/settings").then().statusCode(200);
        Api.as(key).body(Map.of("vat_validation_enabled", true)).when().patch("/v1/organization/settings").then()
                .statusCode(200);
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .when().post("/v1/admin/jobs/vat-override-demotion").then().statusCode(200);

        // tax identifiers: add (with its background check), list, read, verify, replace through PATCH, remove
        String taxId = Api.as(key).body(Map.of("type", "ch_vat", "value", "CHE-107.787.577 IVA"))
                .when().post("/v1/customers/" + a + "/tax-ids").then().statusCode(201).extract().path("data.id");
        Api.as(key).when().get("/v1/customers/" + a + "/tax-ids").then().statusCode(200);
        Api.as(key).when().get("/v1/customers/" + a + "/tax-ids/" + taxId).then().statusCode(200);
        int verified;
        do { // the background check may hold the identifier's lease for a moment
            verified = Api.as(key).when().post("/v1/customers/" + a + "/tax-ids/" + taxId + "/verification").then()
                    .extract().statusCode();
        } while (verified == 409);
        Api.as(key).body(Map.of("tax_ids", List.of(Map.of("type", "ch_vat", "value", "CHE107787577IVA"),
                Map.of("type", "other", "value", "REF-1")))).when().patch("/v1/customers/" + a).then().statusCode(200);
        Api.as(key).when().delete("/v1/customers/" + a + "/tax-ids/" + taxId).then().statusCode(200);
    }

    private List<String> tenantTables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.columns "
                        + "WHERE table_schema = 'public' AND column_name = 'organization_id'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
