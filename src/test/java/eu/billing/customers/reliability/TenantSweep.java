package eu.billing.customers.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The table of the tenant sweep: every organization-scoped operation of the API, and how
 * organization B calls it against organization A's records ({@link TenantSweepCheck} runs it).
 *
 * <p><b>A new route</b> is one entry in {@link #ROUTES}: {@code route("GET /v1/things/{id}")}. By
 * default its path variables are filled with A's customers, a write sends the operation's sample
 * body ({@link SampleBodies}), a GET without path variables also runs with the
 * {@link #LIST_QUERIES}, and the expected answer follows from the request (see {@link Expect}).
 * A route on another kind of record names where A's records come from:
 * {@code route("DELETE /v1/webhook-endpoints/{id}").on(Owner::webhookEndpoints)}, with a method on
 * {@link Owner} that creates a few of them through the API. A route that is not
 * organization-scoped goes into {@link #EXEMPT} with the reason. Every operation of the OpenAPI
 * document must be in exactly one of the two: {@link TenantSweepCoverageTest} (in
 * {@code ./mvnw verify}) and the sweep itself fail otherwise.
 */
final class TenantSweep {

    /** What B may get back. */
    enum Expect {
        /** 404, exactly as for a record that does not exist. */
        NOT_FOUND,
        /** A 4xx: a write whose body names A's records must not succeed. */
        REFUSED,
        /** 201: B's own new record (A's external id in B is a new customer there, not an upsert of A's). */
        CREATED_IN_CALLERS_ORGANIZATION,
        /** Anything below 500 (B's own data). */
        OWN_DATA
    }

    /** Queries a GET without path variables also runs with; {@code {id}} is the target's id. */
    static final List<String> LIST_QUERIES = List.of("", "?status=ARCHIVED", "?customer_id={id}", "?limit=100");

    static final List<SweepRoute> ROUTES = List.of(
            route("GET /v1/customers"),
            route("POST /v1/customers")
                    .body(a -> Map.of("external_id", a.externalId(), "name", "Intruder"))
                    .expect(Expect.CREATED_IN_CALLERS_ORGANIZATION),
            route("POST /v1/customers/merge") // both customers A's: B may neither read nor combine them
                    .body(a -> Map.of("source_customer_id", a.id(), "target_customer_id", a.sibling())),
            route("GET /v1/customers/{id}"),
            route("PATCH /v1/customers/{id}").body(a -> Map.of("external_id", a.externalId(), "name", "Intruder")),
            route("DELETE /v1/customers/{id}"),
            route("POST /v1/customers/{id}/restore"),
            route("POST /v1/customers/{id}/billing-mode"),
            route("POST /v1/customers/{id}/customer-type"),
            route("PATCH /v1/customers/{id}/payment-providers"),
            route("GET /v1/customers/{id}/wallet"),
            route("POST /v1/customers/{id}/vat-verification"),
            route("PUT /v1/customers/{id}/vat-verification/manual-override"),
            route("DELETE /v1/customers/{id}/vat-verification/manual-override"),
            route("GET /v1/customers/{id}/vat-verifications"),
            route("GET /v1/customers/{id}/tax-ids"),
            route("POST /v1/customers/{id}/tax-ids"),
            route("GET /v1/customers/{id}/tax-ids/{tax_id}").on(Owner::taxIds),
            route("DELETE /v1/customers/{id}/tax-ids/{tax_id}").on(Owner::taxIds),
            route("POST /v1/customers/{id}/tax-ids/{tax_id}/verification").on(Owner::taxIds),
            route("GET /v1/events"),
            route("GET /v1/organization/settings"),
            route("PATCH /v1/organization/settings"),
            // custom fields: A's keys are random (remembered: an answer to B naming one is a leak)
            route("POST /v1/custom-fields").on(Owner::customFields)
                    .body(a -> Map.of("key", "intruder_" + Long.toHexString(System.nanoTime()), "label", "Intruder",
                            "type", "STRING")),
            route("GET /v1/custom-fields").on(Owner::customFields),
            route("GET /v1/custom-fields/{key}").on(Owner::customFields),
            route("PATCH /v1/custom-fields/{key}").on(Owner::customFields).body(a -> Map.of("label", "Intruder")),
            route("DELETE /v1/custom-fields/{key}").on(Owner::customFields));

    /** Operations the sweep leaves out, each with the reason. Keep this list short. */
    static final Map<String, String> EXEMPT = Map.of(
            "POST /v1/admin/organizations",
            "platform admin (admin token, not an API key): creates organizations, there is no tenant to cross",
            "POST /v1/admin/organizations/{id}/api-keys",
            "platform admin (admin token): mints keys for any organization by design",
            "POST /v1/admin/jobs/vat-override-demotion",
            "platform admin (admin token): an operations job that runs for every organization by design");

    private TenantSweep() {
    }

    static SweepRoute route(String operation) {
        return new SweepRoute(Operation.of(operation));
    }

    /**
     * What is wrong with the table against the documented operations: an operation in neither
     * {@link #ROUTES} nor {@link #EXEMPT}, in both, or an entry naming no documented operation.
     */
    static List<String> coverageProblems(List<Operation> documented) {
        Set<String> swept = new TreeSet<>();
        ROUTES.forEach(r -> swept.add(r.operation().toString()));
        Set<String> all = new TreeSet<>();
        documented.forEach(o -> all.add(o.toString()));
        List<String> problems = new ArrayList<>();
        for (String operation : all) {
            if (!swept.contains(operation) && !EXEMPT.containsKey(operation)) {
                problems.add(operation + " is not in the tenant sweep: add route(\"" + operation
                        + "\") to TenantSweep.ROUTES (docs/reliability.md), or exempt it in TenantSweep.EXEMPT with the reason");
            }
            if (swept.contains(operation) && EXEMPT.containsKey(operation)) {
                problems.add(operation + " is both swept and exempt");
            }
        }
        for (String operation : swept) {
            if (!all.contains(operation)) {
                problems.add(operation + " is in TenantSweep.ROUTES but not in the OpenAPI document");
            }
        }
        for (String operation : EXEMPT.keySet()) {
            if (!all.contains(operation)) {
                problems.add(operation + " is in TenantSweep.EXEMPT but not in the OpenAPI document");
            }
        }
        if (ROUTES.stream().map(r -> r.operation().toString()).distinct().count() != ROUTES.size()) {
            problems.add("TenantSweep.ROUTES names an operation twice");
        }
        return problems;
    }

    /**
     * One of A's records as a target: its id (fills the path variables unless {@code variables}
     * names them), its external id when it has one, and the id of another of A's records of the
     * same kind (for operations that name two).
     */
    record Target(String id, String externalId, String sibling, Map<String, String> variables) {
        String fill(Operation operation) {
            return operation.fill(name -> variables.getOrDefault(name, id));
        }
    }

    /** How B calls one operation. */
    static final class SweepRoute {
        private final Operation operation;
        private Function<Owner, List<Target>> targets = Owner::customers;
        private Function<Target, Object> body;
        private Expect expect;

        private SweepRoute(Operation operation) {
            this.operation = operation;
        }

        /** Where A's records for the path variables come from (default: A's customers). */
        SweepRoute on(Function<Owner, List<Target>> records) {
            this.targets = records;
            return this;
        }

        /** B's request body (default: the operation's sample body, for writes). */
        SweepRoute body(Function<Target, Object> maker) {
            this.body = maker;
            return this;
        }

        /** The expected answer, when the default (see {@link #expectation(Object, Target)}) is not it. */
        SweepRoute expect(Expect expected) {
            this.expect = expected;
            return this;
        }

        Operation operation() {
            return operation;
        }

        List<Target> targets(Owner owner) {
            return targets.apply(owner);
        }

        /** The given body maker's body, or null when the sample body applies. */
        Object body(Target target) {
            return body == null ? null : body.apply(target);
        }

        List<String> queries() {
            return operation.method().equals("GET") && !operation.hasPathVariables() ? LIST_QUERIES : List.of("");
        }

        /**
         * The given expectation; else NOT_FOUND for a route with path variables, REFUSED for a
         * write whose body names A's record, OWN_DATA otherwise.
         */
        Expect expectation(Object sentBody, Target target) {
            if (expect != null) {
                return expect;
            }
            if (operation.hasPathVariables()) {
                return Expect.NOT_FOUND;
            }
            if (sentBody != null && new String(BadInputCorpus.json(sentBody), java.nio.charset.StandardCharsets.UTF_8).contains(target.id())) {
                return Expect.REFUSED;
            }
            return Expect.OWN_DATA;
        }
    }

    /** A target for a record with one id. */
    static Target target(String id, String externalId, String sibling) {
        return new Target(id, externalId, sibling, Map.of());
    }
}
