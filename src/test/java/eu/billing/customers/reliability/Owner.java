package eu.billing.customers.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import eu.billing.customers.reliability.TenantSweep.Target;
import eu.billing.customers.support.PackagedApp;

/**
 * Organization A of the tenant sweep and the records it owns, created through the API with A's key
 * when a route first asks for them.
 *
 * <p><b>A new kind of record</b> (a webhook endpoint, a tax identifier...) gets a method like
 * {@link #customers()}: create two or more through the API with {@link #key()}, {@link #remember}
 * every id the answers carry, and answer them as {@link Target}s (each naming another as its
 * sibling). A nested record fills its parent's variable through {@link Target#variables()}, for
 * example {@code Map.of("id", customerId, "tax_id", taxId)}.
 */
final class Owner {

    private final PackagedApp app;
    private final Reliability.Organization organization;
    private final Set<String> ids = Collections.synchronizedSet(new HashSet<>());
    private List<Target> customers;
    private List<Target> apiKeys;
    private List<Target> customFields;

    Owner(PackagedApp app, Reliability.Organization organization) {
        this.app = app;
        this.organization = organization;
        remember(organization.id().toString());
        remember(organization.apiKeyId());
    }

    String key() {
        return organization.key();
    }

    UUID organizationId() {
        return organization.id();
    }

    /** Every id of A's records: none may appear in an answer to B unless B's request named it. */
    Set<String> ids() {
        return Set.copyOf(ids);
    }

    void remember(String id) {
        ids.add(id);
    }

    /** A's keys of every role (besides the admin key it was created with): B must not see, revoke or roll them. */
    synchronized List<Target> apiKeys() {
        if (apiKeys == null) {
            List<String> created = new ArrayList<>();
            for (String role : List.of("admin", "write", "read_only")) {
                io.restassured.response.Response r = Reliability.as(app, key())
                        .body(java.util.Map.of("name", "owned " + role, "role", role))
                        .when().post("/v1/api-keys").then().statusCode(201).extract().response();
                created.add(r.path("data.id"));
                remember(r.path("data.id"));
                remember(r.path("data.secret"));
                remember(r.path("data.prefix"));
            }
            List<Target> targets = new ArrayList<>();
            for (int i = 0; i < created.size(); i++) {
                targets.add(TenantSweep.target(created.get(i), null, created.get((i + 1) % created.size())));
            }
            apiKeys = List.copyOf(targets);
        }
        return apiKeys;
    }

    /** Three active customers and an archived one (so that restore has something to act on). */
    synchronized List<Target> customers() {
        if (customers == null) {
            List<String[]> created = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String externalId = "owned-" + i + "-" + UUID.randomUUID();
                created.add(new String[] { Reliability.createCustomer(app, key(), externalId), externalId });
            }
            Reliability.as(app, key()).when().delete("/v1/customers/" + created.get(3)[0]).then().statusCode(200);
            List<Target> targets = new ArrayList<>();
            for (int i = 0; i < created.size(); i++) {
                remember(created.get(i)[0]);
                remember(Reliability.as(app, key()).when().get("/v1/customers/" + created.get(i)[0] + "/wallet")
                        .then().statusCode(200).extract().path("data.id"));
                targets.add(TenantSweep.target(created.get(i)[0], created.get(i)[1],
                        created.get((i + 1) % created.size())[0]));
            }
            customers = List.copyOf(targets);
        }
        return customers;
    }

    /** Three custom field definitions with random keys (the key is the record's id in its path). */
    synchronized List<Target> customFields() {
        if (customFields == null) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String key = "owned_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
                Reliability.as(app, key()).body(java.util.Map.of("key", key, "label", "Owned " + i, "type", "ENUM",
                        "options", List.of("x_" + key, "y_" + key)))
                        .when().post("/v1/custom-fields").then().statusCode(201);
                remember(key);
                remember("x_" + key);
                keys.add(key);
            }
            List<Target> targets = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                targets.add(new Target(keys.get(i), null, keys.get((i + 1) % keys.size()),
                        java.util.Map.of("key", keys.get(i))));
            }
            customFields = List.copyOf(targets);
        }
        return customFields;
    }
}
