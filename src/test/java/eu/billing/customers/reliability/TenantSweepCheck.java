package eu.billing.customers.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import eu.billing.customers.platform.tenancy.AccessPolicy;
import eu.billing.customers.platform.tenancy.Role;
import eu.billing.customers.reliability.TenantSweep.Expect;
import eu.billing.customers.reliability.TenantSweep.SweepRoute;
import eu.billing.customers.reliability.TenantSweep.Target;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Tenant isolation: organization A owns customers (one archived); organization B calls every
 * operation of {@link TenantSweep#ROUTES}, with a key of every role (admin, write, read_only; a role
 * below the route's must get 403 FORBIDDEN), with A's ids in the path, in {@code customer_id=} and in
 * bodies, with {@code If-Match: *}. Fails when an answer is not what {@link Expect} says, when an
 * answer carries A's organization id or an id of A's records the request did not name, when any of
 * A's rows (in every table with an {@code organization_id}) differs before and after, or when a
 * documented operation is neither swept nor exempt.
 */
class TenantSweepCheck extends ReliabilityCheck {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void anotherOrganizationCanNeitherReadNorChangeOwnedRecords() throws Exception {
        ApiDocument document = ApiDocument.fetch(app.given());
        assertEquals(List.of(), TenantSweep.coverageProblems(document.operations()),
                "every documented operation is swept or exempt");
        Owner owner = new Owner(app, Reliability.newOrganization(app, "Owner"));
        String intruderAdmin = Reliability.newOrganization(app, "Intruder").key();
        // B calls with a key of every role: a role below the route's gets 403 before any record is read
        Map<Role, String> intruders = new LinkedHashMap<>();
        intruders.put(Role.ADMIN, intruderAdmin);
        for (Role role : List.of(Role.WRITE, Role.READ_ONLY)) {
            intruders.put(role, Reliability.as(app, intruderAdmin).body(Map.of("name", "intruder " + role.wire(),
                    "role", role.wire())).when().post("/v1/api-keys").then().statusCode(201).extract().path("data.secret"));
        }
        // A's records first, then the fingerprint of everything A owns
        for (SweepRoute route : TenantSweep.ROUTES) {
            route.targets(owner);
        }
        String before = fingerprint(owner.organizationId());
        Random random = new Random(Reliability.SEED);
        int requests = 0;
        List<String> violations = new ArrayList<>();
        for (Map.Entry<Role, String> intruder : intruders.entrySet()) {
            for (SweepRoute route : TenantSweep.ROUTES) {
                Operation operation = route.operation();
                Role needed = AccessPolicy.required(operation.method(), operation.path());
                boolean allowed = intruder.getKey().allows(needed);
                for (Target target : route.targets(owner)) {
                    for (String query : route.queries()) {
                        String url = target.fill(operation) + query.replace("{id}", target.id());
                        Object body = route.body(target);
                        if (body == null && operation.writes()) {
                            body = SampleBodies.valid(document, operation, random, target::id);
                        }
                        RequestSpecification request = Reliability.as(app, intruder.getValue()).header("If-Match", "*");
                        if (body != null) {
                            request.body(BadInputCorpus.json(body));
                        }
                        Response r = request.when().request(operation.method(), url);
                        requests++;
                        String sent = url + (body == null ? "" : new String(BadInputCorpus.json(body), StandardCharsets.UTF_8));
                        String answer = r.asString();
                        String leak = leak(owner, sent, answer);
                        Expect expect = allowed ? route.expectation(body, target) : Expect.FORBIDDEN;
                        boolean ok = leak == null && switch (expect) {
                            case FORBIDDEN -> r.statusCode() == 403;
                            case NOT_FOUND -> r.statusCode() == 404;
                            case REFUSED -> r.statusCode() >= 400 && r.statusCode() < 500;
                            // 201 for B's first key; B's later keys upsert B's own customer made then (200)
                            case CREATED_IN_CALLERS_ORGANIZATION -> (r.statusCode() == 201
                                    || (r.statusCode() == 200 && intruder.getKey() != Role.ADMIN))
                                    && !answer.contains(target.id());
                            case OWN_DATA -> r.statusCode() < 500;
                        };
                        if (!ok) {
                            violations.add(intruder.getKey().wire() + " key: " + operation.method() + " " + url + " -> " + r.statusCode() + " (expected " + expect
                                    + (leak == null ? "" : ", leaked " + leak) + ") " + Reliability.abbreviate(answer, 200));
                        }
                    }
                }
            }
        }
        boolean unchanged = before.equals(fingerprint(owner.organizationId()));
        violations.forEach(v -> Reliability.log("  violation: " + v));
        if (!unchanged) {
            Reliability.log("  the owner's rows changed during the sweep");
        }
        Reliability.report("tenant-isolation", violations.isEmpty() && unchanged, String.format(
                "routes=%d exempt=%d requests=%d violations=%d owner-rows-changed=%s", TenantSweep.ROUTES.size(),
                TenantSweep.EXEMPT.size(), requests, violations.size(), !unchanged));
    }

    /** A's organization id or an id of A's records in the answer that the request did not name, or null. */
    private static String leak(Owner owner, String sent, String answer) {
        for (String id : owner.ids()) {
            if (answer.contains(id) && !sent.contains(id)) {
                return id;
            }
        }
        return null;
    }

    /** A fingerprint of every row the organization owns, in every table with an organization_id. */
    private static String fingerprint(UUID organization) throws Exception {
        Database db = Database.get();
        StringBuilder s = new StringBuilder();
        try (Connection c = db.connect()) {
            for (String table : db.strings("SELECT DISTINCT table_name FROM information_schema.columns "
                    + "WHERE table_schema = 'public' AND column_name = 'organization_id' ORDER BY table_name")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(md5(string_agg(t::text, '|' "
                        + "ORDER BY t::text)), '') FROM " + table + " t WHERE organization_id = ?")) {
                    ps.setObject(1, organization);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        s.append(table).append('=').append(rs.getLong(1)).append(':').append(rs.getString(2)).append(' ');
                    }
                }
            }
        }
        return s.toString();
    }
}
