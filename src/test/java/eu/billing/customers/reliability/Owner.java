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
    private List<Target> taxIds;
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

    /** Two tax identifiers (a Swiss VAT number, not verified, and a free-text one) on each of two customers. */
    synchronized List<Target> taxIds() {
        if (taxIds == null) {
            List<String[]> created = new ArrayList<>();
            for (Target customer : customers().subList(0, 2)) {
                for (java.util.Map<String, Object> body : List.of(
                        java.util.Map.<String, Object> of("type", "ch_vat", "value", "CHE-107.787.577 IVA",
                                "auto_validate_vat", false),
                        java.util.Map.<String, Object> of("type", "other", "value", "REF-" + UUID.randomUUID()))) {
                    String taxId = Reliability.as(app, key()).body(body)
                            .when().post("/v1/customers/" + customer.id() + "/tax-ids")
                            .then().statusCode(201).extract().path("data.id");
                    remember(taxId);
                    created.add(new String[] { customer.id(), taxId });
                }
            }
            List<Target> targets = new ArrayList<>();
            for (int i = 0; i < created.size(); i++) {
                targets.add(new Target(created.get(i)[1], null, created.get((i + 1) % created.size())[1],
                        java.util.Map.of("id", created.get(i)[0], "tax_id", created.get(i)[1])));
            }
            taxIds = List.copyOf(targets);
        }
        return taxIds;
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
