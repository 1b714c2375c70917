package eu.billing.customers.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hibernate.engine.spi.SelfDirtinessTracker;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.customer.view.CustomerView;
import eu.billing.customers.customer.view.TaxProfileSource;
import eu.billing.customers.platform.tenancy.ApiKeys;
import eu.billing.customers.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The one-statement read ({@link CustomerReads}: JDBC, the tax profile read in the customer's own
 * statement) answers exactly what the entity and the tax feature's own queries answer
 * ({@link CustomerService#find}, {@link TaxProfileSource#profile}), and so does a write's answer (the
 * entity with its profile read in one statement, {@link CustomerReads#joined}): the same JSON, for a customer with
 * every kind of field set, a checked and overridden VAT number, identifiers of tax_ids and the
 * organization's settings, and for a bare one.
 */
@QuarkusTest
class CustomerReadsTest {

    @Inject
    CustomerReads reads;

    @Inject
    CustomerService customers;

    @Inject
    TaxProfileSource tax;

    @Inject
    ObjectMapper json;

    @Test
    void theOneStatementReadAnswersWhatTheEntityAndItsProfileAnswer() throws Exception {
        String key = Api.newOrganization();
        UUID org = ApiKeys.organizationOf(key).orElseThrow();
        Api.as(key).body(Map.of("home_country", "FR", "default_payment_terms_days", Map.of("business", 30, "consumer", 14),
                "unknown_price_display", "NET")).when().patch("/v1/organization/settings").then().statusCode(200);
        Api.as(key).body(Map.of("key", "tier", "label", "Tier", "type", "ENUM", "options", List.of("gold", "silver")))
                .when().post("/v1/custom-fields").then().statusCode(201);
        Api.as(key).body(Map.of("key", "score", "label", "Score", "type", "NUMBER")).when().post("/v1/custom-fields")
                .then().statusCode(201);
        Api.as(key).body(Map.of("key", "vip", "label", "VIP", "type", "BOOLEAN")).when().post("/v1/custom-fields")
                .then().statusCode(201);
        Map<String, Object> body = Api.richCustomer("Rich GmbH");
        body.put("external_id", Api.externalId());
        body.put("vat_number", "DE101234567");
        body.put("auto_validate_vat", false);
        body.put("custom_fields", Map.of("tier", "gold", "score", "12.50", "vip", true));
        body.put("tax_ids", List.of(Map.of("type", "other", "value", "REF-1"),
                Map.of("type", "gb_vat", "value", "GB980780684")));
        String rich = Api.createCustomer(key, body);
        Api.as(key).when().post("/v1/customers/" + rich + "/vat-verification").then().statusCode(200);
        Api.as(key).body(Map.of("reason", "certificate checked by hand", "ttl", "P30D")).when()
                .put("/v1/customers/" + rich + "/vat-verification/manual-override").then().statusCode(200);
        String bare = Api.createCustomer(key, Map.of("name", "Bare"));
        String archived = Api.createCustomer(key, Map.of("name", "Archived", "vat_number", "FR40303265045",
                "auto_validate_vat", false));
        Api.as(key).when().delete("/v1/customers/" + archived).then().statusCode(200);

        for (String id : List.of(rich, bare, archived)) {
            UUID customerId = UUID.fromString(id);
            String expected = QuarkusTransaction.requiringNew().call(() -> {
                Customer c = customers.find(org, customerId, false);
                return json.writeValueAsString(CustomerView.of(c, tax.profile(c)));
            });
            CustomerReads.Read<TaxProfileSource.Profile> read = reads.get(org, customerId, tax);
            assertEquals(expected, json.writeValueAsString(CustomerView.of(read.customer(), read.joined())), id);
            // the transient copy records no dirty field beyond its constructor's own (CustomerRows
            // suspends Hibernate's tracking before it sets the row's forty-odd fields)
            assertEquals(dirtyFields(new Customer()), dirtyFields(read.customer()), "dirty fields of the copy of " + id);
            String written = QuarkusTransaction.requiringNew().call(() -> {
                Customer c = customers.find(org, customerId, false);
                return json.writeValueAsString(CustomerView.of(c, reads.joined(c, tax)));
            });
            assertEquals(expected, written, "a write's answer: " + id);
        }
    }

    private static int dirtyFields(Customer c) {
        return ((SelfDirtinessTracker) (Object) c).$$_hibernate_getDirtyAttributes().length;
    }

    /**
     * A read inside a write sees what the write has not flushed yet (JdbcReads flushes the
     * persistence context first, as Hibernate does before its own queries): a change made to the
     * managed entity.
     */
    @Test
    void aReadInsideAWriteSeesTheWritesUnflushedChanges() {
        String key = Api.newOrganization();
        UUID org = ApiKeys.organizationOf(key).orElseThrow();
        UUID id = UUID.fromString(Api.createCustomer(key, Map.of("name", "Before")));
        QuarkusTransaction.requiringNew().run(() -> {
            Customer c = customers.find(org, id, false);
            c.name = "Unflushed";
            assertEquals("Unflushed", reads.get(org, id, tax).customer().name, "read inside the write");
        });
    }
}
