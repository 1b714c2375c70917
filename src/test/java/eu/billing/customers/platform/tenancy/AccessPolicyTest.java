package eu.billing.customers.platform.tenancy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Roles on every route, table-driven from the served OpenAPI document: every organization-scoped
 * operation names the role it needs (x-required-role, which must be AccessPolicy's answer), and is
 * called with a key of each role: a key below it answers 403 FORBIDDEN naming the role, a key at or
 * above it gets past authorization (whatever the operation then answers for random ids).
 */
@QuarkusTest
class AccessPolicyTest {

    /** The roles the issue names for routes, written out independently of AccessPolicy's table. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("GET /v1/customers", "read_only"),
            Map.entry("POST /v1/customers", "write"),
            Map.entry("PATCH /v1/customers/{id}", "write"),
            Map.entry("DELETE /v1/customers/{id}", "write"),
            Map.entry("GET /v1/events", "read_only"),
            Map.entry("GET /v1/organization/settings", "read_only"),
            Map.entry("PATCH /v1/organization/settings", "admin"),
            Map.entry("GET /v1/api-keys", "admin"),
            Map.entry("POST /v1/api-keys", "admin"),
            Map.entry("GET /v1/api-keys/{id}", "admin"),
            Map.entry("DELETE /v1/api-keys/{id}", "admin"),
            Map.entry("POST /v1/api-keys/{id}/roll", "admin"),
            Map.entry("POST /v1/customers/{id}/vat-verification", "write"));

    private record Op(String method, String path, String role) {
        String name() {
            return method + " " + path;
        }
    }

    @Test
    void everyOperationNamesItsRoleAndKeysOfEveryRoleGetExactlyThat() throws Exception {
        List<Op> operations = documentedOperations();
        assertTrue(operations.size() >= 20, "operations: " + operations);
        for (Op op : operations) {
            assertEquals(AccessPolicy.required(op.method(), op.path()).wire(), op.role(), op.name() + ": x-required-role");
            if (EXPECTED.containsKey(op.name())) {
                assertEquals(EXPECTED.get(op.name()), op.role(), op.name());
            }
        }
        assertTrue(operations.stream().map(Op::name).toList().containsAll(EXPECTED.keySet()),
                "every route of the table is served");

        String admin = Api.newOrganization();
        Map<Role, String> keys = Map.of(Role.ADMIN, admin, Role.WRITE, ApiKeysTest.mint(admin, "write"),
                Role.READ_ONLY, ApiKeysTest.mint(admin, "read_only"));
        List<String> failures = new ArrayList<>();
        for (Op op : operations) {
            Role needed = Role.fromWire(op.role()).orElseThrow();
            String url = op.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            for (Map.Entry<Role, String> key : keys.entrySet()) {
                var request = Api.as(key.getValue());
                if (!op.method().equals("GET") && !op.method().equals("DELETE")) {
                    request.body("{}");
                }
                Response r = request.when().request(op.method(), url);
                String what = key.getKey().wire() + " key, " + op.name() + " -> " + r.statusCode() + " " + r.asString();
                if (key.getKey().allows(needed)) {
                    if (r.statusCode() == 403 || r.statusCode() == 401) {
                        failures.add(what);
                    }
                } else if (r.statusCode() != 403 || !"FORBIDDEN".equals(r.path("code"))
                        || !op.role().equals(r.path("required_role"))) {
                    failures.add(what);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void routesOfFeaturesStillBeingBuiltAreDeclaredInAdvance() {
        assertEquals(Role.ADMIN, AccessPolicy.required("GET", "/v1/webhook-endpoints"));
        assertEquals(Role.ADMIN, AccessPolicy.required("GET", "/v1/webhook-endpoints/abc/deliveries"));
        assertEquals(Role.ADMIN, AccessPolicy.required("POST", "/v1/webhook-endpoints"));
        assertEquals(Role.READ_ONLY, AccessPolicy.required("GET", "/v1/custom-fields"));
        assertEquals(Role.ADMIN, AccessPolicy.required("POST", "/v1/custom-fields"));
        assertEquals(Role.ADMIN, AccessPolicy.required("DELETE", "/v1/custom-fields/abc"));
        assertEquals(Role.WRITE, AccessPolicy.required("POST", "/v1/customers/abc/tax-ids"));
        assertEquals(Role.READ_ONLY, AccessPolicy.required("HEAD", "/v1/customers"));
        // a whole segment: /v1/api-keysX is not under /v1/api-keys
        assertEquals(Role.READ_ONLY, AccessPolicy.required("GET", "/v1/api-keysX"));
        assertNotEquals(Role.ADMIN, AccessPolicy.required("GET", "/v1/organization/settings"));
    }

    @Test
    void theForbiddenProblemNamesTheRoleNeeded() {
        String admin = Api.newOrganization();
        String readOnly = ApiKeysTest.mint(admin, "read_only");
        Api.as(readOnly).body(Map.of("name", "Nope")).when().post("/v1/customers").then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.equalTo("FORBIDDEN"))
                .body("required_role", org.hamcrest.Matchers.equalTo("write"))
                .body("key_role", org.hamcrest.Matchers.equalTo("read_only"))
                .body("detail", org.hamcrest.Matchers.containsString("write"));
        Api.as(readOnly).when().get("/v1/customers").then().statusCode(200);
        Api.as(admin).when().get("/v1/customers").then().statusCode(200);
    }

    private static List<Op> documentedOperations() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
        List<Op> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/v1/") || path.getKey().startsWith("/v1/admin/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (method.getValue().has("operationId")) {
                    ops.add(new Op(method.getKey().toUpperCase(), path.getKey(),
                            method.getValue().path("x-required-role").asText("missing")));
                }
            }
        }
        return ops;
    }
}
