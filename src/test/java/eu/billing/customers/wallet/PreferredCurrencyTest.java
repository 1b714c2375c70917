package eu.billing.customers.wallet;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** A change of preferred currency moves the primary wallet without ever orphaning a balance. */
@QuarkusTest
class PreferredCurrencyTest {

    @Inject
    AgroalDataSource db;

    @Test
    void anEmptyPrimaryWalletChangesCurrencyInPlace() throws Exception {
        String key = Api.newOrganization("EUR");
        String id = Api.createCustomer(key, Map.of("name", "Empty", "preferred_currency", "EUR"));
        String walletId = Api.as(key).when().get("/v1/customers/" + id + "/wallet").then().extract().path("data.id");
        Api.as(key).body(Map.of("preferred_currency", "USD")).when().patch("/v1/customers/" + id).then().statusCode(200);
        Api.as(key).when().get("/v1/customers/" + id + "/wallet").then().statusCode(200)
                .body("data.id", equalTo(walletId))
                .body("data.currency", equalTo("USD"));
        Api.as(key).when().get("/v1/events?type=customer.updated&customer_id=" + id).then()
                .body("data[0].data.wallet.action", equalTo("currency_changed"));
        assertEquals(1, wallets(id));
    }

    @Test
    void aPrimaryWalletHoldingMoneyStaysAndANewPrimaryIsOpened() throws Exception {
        String key = Api.newOrganization("EUR");
        String id = Api.createCustomer(key, Map.of("name", "Rich", "preferred_currency", "EUR"));
        String oldWallet = Api.as(key).when().get("/v1/customers/" + id + "/wallet").then().extract().path("data.id");
        sql("UPDATE wallets SET cash_balance = 12.3400 WHERE id = ?", UUID.fromString(oldWallet));

        Api.as(key).body(Map.of("preferred_currency", "GBP")).when().patch("/v1/customers/" + id).then().statusCode(200);
        String newWallet = Api.as(key).when().get("/v1/customers/" + id + "/wallet").then().statusCode(200)
                .body("data.currency", equalTo("GBP"))
                .body("data.cash_balance", equalTo("0.00"))
                .extract().path("data.id");
        org.junit.jupiter.api.Assertions.assertNotEquals(oldWallet, newWallet);
        assertEquals(new BigDecimal("12.3400"), balance(oldWallet));
        assertEquals(2, wallets(id));

        // back to EUR: the old wallet, which still holds the money, becomes primary again
        Api.as(key).body(Map.of("preferred_currency", "EUR")).when().patch("/v1/customers/" + id).then().statusCode(200);
        Api.as(key).when().get("/v1/customers/" + id + "/wallet").then()
                .body("data.id", equalTo(oldWallet))
                .body("data.cash_balance", equalTo("12.34"));
        assertEquals(2, wallets(id));
        Api.as(key).when().get("/v1/events?type=customer.updated&customer_id=" + id).then()
                .body("data", hasSize(2))
                .body("data[0].data.wallet.action", equalTo("switched_primary"))
                .body("data[1].data.wallet.action", equalTo("opened_primary"));
    }

    private int wallets(String customerId) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM wallets WHERE customer_id = ?")) {
            ps.setObject(1, UUID.fromString(customerId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private BigDecimal balance(String walletId) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT cash_balance FROM wallets WHERE id = ?")) {
            ps.setObject(1, UUID.fromString(walletId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    private void sql(String statement, Object param) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setObject(1, param);
            ps.executeUpdate();
        }
    }
}
