package eu.billing.customers.customer;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import eu.billing.customers.support.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Billing mode, customer type and payment providers: each with a reason, an actor and an event. */
@QuarkusTest
class CustomerOperationsTest {

    @Inject
    AgroalDataSource db;

    // --- billing mode ------------------------------------------------------------------------------

    @Test
    void modeFlipMovesCustomerAndEveryWalletAndNoMoney() throws Exception {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Map.of("name", "Flip", "preferred_currency", "EUR"));
        UUID customer = UUID.fromString(id);
        sql("UPDATE wallets SET cash_balance = 10.1234, held_balance = 2.5, promotional_balance = 3.0001 "
                + "WHERE customer_id = ?", customer);
        UUID second = addWallet(customer, "USD", "7.77");
        Map<UUID, List<BigDecimal>> before = balances(customer);

        Api.as(key).header("X-Actor", "cfo@example.com")
                .body(Map.of("mode", "PREPAID", "reason", "moving to top-ups"))
                .when().post("/v1/customers/" + id + "/billing-mode").then().statusCode(200)
                .header("ETag", equalTo("\"2\""))
                .body("data.mode", equalTo("PREPAID"))
                .body("data.version", equalTo(2));

        assertEquals(Set.of("PREPAID"), walletModes(customer));
        assertEquals(before, balances(customer), "balances carry over exactly");
        Api.as(key).when().get("/v1/events?type=customer.mode_changed&customer_id=" + id).then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].reason", equalTo("moving to top-ups"))
                .body("data[0].actor.api_key_id", notNullValue())
                .body("data[0].actor.label", equalTo("cfo@example.com"))
                .body("data[0].data.from", equalTo("POSTPAID"))
                .body("data[0].data.to", equalTo("PREPAID"))
                .body("data[0].data.wallet_ids", hasSize(2))
                .body("data[0].data.wallet_ids", org.hamcrest.Matchers.hasItem(second.toString()));
        Api.as(key).when().get("/v1/customers/" + id + "/wallet").then().body("data.mode", equalTo("PREPAID"));
    }

    @Test
    void settingTheCurrentModeWritesNothing() {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Map.of("name", "Same", "mode", "PREPAID"));
        Api.as(key).body(Map.of("mode", "PREPAID", "reason", "no-op")).when().post("/v1/customers/" + id + "/billing-mode")
                .then().statusCode(200).body("data.version", equalTo(1));
        Api.as(key).when().get("/v1/events?type=customer.mode_changed&customer_id=" + id).then().body("data", hasSize(0));
    }

    @Test
    void modeRefusals() {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Map.of("name", "Refuse"));
        String path = "/v1/customers/" + id + "/billing-mode";
        Api.as(key).body(Map.of("mode", "PREPAID")).when().post(path).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("reason"));
        Api.as(key).body(Map.of("mode", "PREPAID", "reason", " ")).when().post(path).then().statusCode(400);
        Api.as(key).body(Map.of("mode", "PREPAID", "reason", "r".repeat(501))).when().post(path).then().statusCode(400);
        Api.as(key).body(Map.of("mode", "HYBRID", "reason", "x")).when().post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("mode"));
        Api.as(key).header("If-Match", "\"7\"").body(Map.of("mode", "PREPAID", "reason", "x")).when().post(path)
                .then().statusCode(412).body("code", equalTo("VERSION_CONFLICT"));
        Api.as(Api.newOrganization()).body(Map.of("mode", "PREPAID", "reason", "x")).when().post(path)
                .then().statusCode(404).body("code", equalTo("CUSTOMER_NOT_FOUND"));
        Api.as(key).when().delete("/v1/customers/" + id).then().statusCode(200);
        Api.as(key).body(Map.of("mode", "PREPAID", "reason", "x")).when().post(path).then().statusCode(409)
                .body("code", equalTo("INVALID_STATE_TRANSITION"));
        Api.as(key).when().get("/v1/customers/" + id).then().body("data.mode", equalTo("POSTPAID"));
    }

    @Test
    void concurrentFlipsLeaveCustomerAndWalletsInTheSameMode() throws Exception {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Map.of("name", "Race"));
        UUID customer = UUID.fromString(id);
        addWallet(customer, "USD", "1.00");
        addWallet(customer, "GBP", "2.00");
        int flips = 20;
        ExecutorService pool = Executors.newFixedThreadPool(flips);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < flips; i++) {
            String mode = i % 2 == 0 ? "PREPAID" : "POSTPAID";
            answers.add(pool.submit(() -> {
                start.await();
                return Api.as(key).body(Map.of("mode", mode, "reason", "race"))
                        .when().post("/v1/customers/" + id + "/billing-mode");
            }));
        }
        start.countDown();
        for (Future<Response> f : answers) {
            assertEquals(200, f.get(60, TimeUnit.SECONDS).statusCode());
        }
        pool.shutdown();
        String mode = Api.as(key).when().get("/v1/customers/" + id).then().extract().path("data.mode");
        int version = Api.as(key).when().get("/v1/customers/" + id).then().extract().path("data.version");
        assertEquals(Set.of(mode), walletModes(customer), "customer and wallets agree");
        int events = Api.as(key).when().get("/v1/events?limit=100&type=customer.mode_changed&customer_id=" + id)
                .then().extract().path("data.size()");
        assertEquals(version - 1, events, "one event per real flip");
    }

    // --- customer type -------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1} in {2}: candidate {3}")
    @CsvSource({
            "UNKNOWN, BUSINESS, DE, true",
            "UNKNOWN, company, FR, true",
            "UNKNOWN, BUSINESS, GR, true",
            "UNKNOWN, BUSINESS, US, false",
            "UNKNOWN, BUSINESS, CH, false",
            "UNKNOWN, BUSINESS, , false",
            "CONSUMER, BUSINESS, DE, false",
            "UNKNOWN, CONSUMER, DE, false",
            "BUSINESS, UNKNOWN, DE, false" })
    void typeChangeFlagsCorrectiveInvoiceCandidates(String from, String to, String country, boolean candidate) {
        String key = Api.newOrganization();
        Map<String, Object> body = new HashMap<>(Map.of("name", "Typed", "customer_type", from));
        if (country != null) {
            body.put("billing_address", Map.of("country", country));
        }
        String id = Api.createCustomer(key, body);
        String expected = "company".equals(to) ? "BUSINESS" : to;
        Api.as(key).header("X-Actor", "tax@example.com").body(Map.of("customer_type", to, "reason", "VAT id provided"))
                .when().post("/v1/customers/" + id + "/customer-type").then().statusCode(200)
                .body("data.customer_type", equalTo(expected))
                .body("data.version", equalTo(2));
        Api.as(key).when().get("/v1/events?type=customer.type_changed&customer_id=" + id).then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].reason", equalTo("VAT id provided"))
                .body("data[0].actor.label", equalTo("tax@example.com"))
                .body("data[0].data.from", equalTo(from))
                .body("data[0].data.to", equalTo(expected))
                .body("data[0].data.corrective_invoice_candidate", equalTo(candidate));
        Api.as(key).when().get("/v1/events?type=customer.updated&customer_id=" + id).then().body("data", hasSize(0));
    }

    @Test
    void patchCanChangeTheTypeOnlyWithAReasonThroughTheSamePath() {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Map.of("name", "P", "billing_address", Map.of("country", "NL")));
        Api.as(key).body(Map.of("customer_type", "BUSINESS")).when().patch("/v1/customers/" + id).then()
                .statusCode(422).body("code", equalTo("REASON_REQUIRED"));
        Api.as(key).when().get("/v1/customers/" + id).then().body("data.customer_type", equalTo("UNKNOWN"))
                .body("data.version", equalTo(1));
        Api.as(key).body(Map.of("customer_type", "BUSINESS", "reason", "KvK extract", "email", "x@y.example"))
                .when().patch("/v1/customers/" + id).then().statusCode(200)
                .body("data.customer_type", equalTo("BUSINESS"))
                .body("data.version", equalTo(2));
        Api.as(key).when().get("/v1/events?type=customer.type_changed&customer_id=" + id).then()
                .body("data", hasSize(1))
                .body("data[0].data.corrective_invoice_candidate", equalTo(true))
                .body("data[0].reason", equalTo("KvK extract"));
        Api.as(key).when().get("/v1/events?type=customer.updated&customer_id=" + id).then()
                .body("data", hasSize(1))
                .body("data[0].data.changes.email.after", equalTo("x@y.example"))
                .body("data[0].data.changes.customer_type", org.hamcrest.Matchers.nullValue());
        // same type again: no-op, no reason needed
        Api.as(key).body(Map.of("customer_type", "BUSINESS")).when().patch("/v1/customers/" + id).then()
                .statusCode(200).body("data.version", equalTo(2));
    }

    @Test
    void typeRefusals() {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Map.of("name", "T"));
        String path = "/v1/customers/" + id + "/customer-type";
        Api.as(key).body(Map.of("customer_type", "BUSINESS")).when().post(path).then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        Api.as(key).body(Map.of("customer_type", "ROBOT", "reason", "x")).when().post(path).then().statusCode(400);
        Api.as(key).header("If-Match", "\"9\"").body(Map.of("customer_type", "BUSINESS", "reason", "x")).when()
                .post(path).then().statusCode(412);
        Api.as(Api.newOrganization()).body(Map.of("customer_type", "BUSINESS", "reason", "x")).when().post(path)
                .then().statusCode(404);
        Api.as(key).when().delete("/v1/customers/" + id).then().statusCode(200);
        Api.as(key).body(Map.of("customer_type", "BUSINESS", "reason", "x")).when().post(path).then().statusCode(409)
                .body("code", equalTo("INVALID_STATE_TRANSITION"));
    }

    // --- payment providers -----------------------------------------------------------------------------

    @Test
    void providersChangeOnlyThoseFieldsFoldDuplicatesAndWriteTheirEvent() {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Map.of("name", "Pay", "email", "p@example.com"));
        String path = "/v1/customers/" + id + "/payment-providers";
        Api.as(key).body(Map.of("preferred_provider", "stripe", "disabled_providers", List.of("paypal", "mollie", "paypal")))
                .when().patch(path).then().statusCode(200)
                .body("data.preferred_provider", equalTo("stripe"))
                .body("data.disabled_providers", equalTo(List.of("paypal", "mollie")))
                .body("data.email", equalTo("p@example.com"))
                .body("data.version", equalTo(2));
        Api.as(key).when().get("/v1/events?type=customer.payment_providers_changed&customer_id=" + id).then()
                .body("data", hasSize(1))
                .body("data[0].data.changes.preferred_provider.after", equalTo("stripe"));
        Api.as(key).body(Map.of("preferred_provider", "stripe")).when().patch(path).then().statusCode(200)
                .body("data.version", equalTo(2));
        Api.as(key).body(Map.of("name", "Sneaky")).when().patch(path).then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        Api.as(key).body(Map.of()).when().patch(path).then().statusCode(400);
    }

    @Test
    void providerRefusals() {
        String key = Api.newOrganization();
        String id = Api.createCustomer(key, Map.of("name", "Prov", "preferred_provider", "adyen"));
        String path = "/v1/customers/" + id + "/payment-providers";
        Api.as(key).body(Map.of("preferred_provider", "venmo")).when().patch(path).then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("preferred_provider"));
        Api.as(key).body(Map.of("disabled_providers", List.of("stripe", "bitcoin"))).when().patch(path).then()
                .statusCode(400).body("errors[0].field", equalTo("disabled_providers"));
        // disabling the preferred one, or preferring a disabled one: 422 either way
        Api.as(key).body(Map.of("disabled_providers", List.of("adyen"))).when().patch(path).then().statusCode(422)
                .body("code", equalTo("PREFERRED_PROVIDER_DISABLED"));
        Api.as(key).body(Map.of("disabled_providers", List.of("mollie"))).when().patch(path).then().statusCode(200);
        Api.as(key).body(Map.of("preferred_provider", "mollie")).when().patch(path).then().statusCode(422)
                .body("code", equalTo("PREFERRED_PROVIDER_DISABLED"));
        Api.as(key).when().get("/v1/customers/" + id).then().body("data.preferred_provider", equalTo("adyen"))
                .body("data.disabled_providers", equalTo(List.of("mollie")));
        Api.as(key).header("If-Match", "\"1\"").body(Map.of("preferred_provider", "stripe")).when().patch(path)
                .then().statusCode(412);
        Api.as(Api.newOrganization()).body(Map.of("preferred_provider", "stripe")).when().patch(path).then()
                .statusCode(404);
        Api.as(key).when().delete("/v1/customers/" + id).then().statusCode(200);
        Api.as(key).body(Map.of("preferred_provider", "stripe")).when().patch(path).then().statusCode(409);
    }

    // --- helpers -------------------------------------------------------------------------------------

    private UUID addWallet(UUID customer, String currency, String cash) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO wallets (organization_id, id, customer_id, currency, mode, is_primary, cash_balance,
                                     created_at, updated_at)
                SELECT organization_id, ?, id, ?, mode, false, ?, now(), now() FROM customers WHERE id = ?""")) {
            ps.setObject(1, id);
            ps.setString(2, currency);
            ps.setBigDecimal(3, new BigDecimal(cash));
            ps.setObject(4, customer);
            assertEquals(1, ps.executeUpdate());
        }
        return id;
    }

    private Set<String> walletModes(UUID customer) throws Exception {
        Set<String> modes = new HashSet<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT mode FROM wallets WHERE customer_id = ?")) {
            ps.setObject(1, customer);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    modes.add(rs.getString(1));
                }
            }
        }
        assertTrue(!modes.isEmpty());
        return modes;
    }

    private Map<UUID, List<BigDecimal>> balances(UUID customer) throws Exception {
        Map<UUID, List<BigDecimal>> balances = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, cash_balance, held_balance, promotional_balance FROM wallets WHERE customer_id = ?")) {
            ps.setObject(1, customer);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    balances.put((UUID) rs.getObject(1), List.of(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4)));
                }
            }
        }
        return balances;
    }

    private void sql(String statement, Object param) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setObject(1, param);
            ps.executeUpdate();
        }
    }
}
