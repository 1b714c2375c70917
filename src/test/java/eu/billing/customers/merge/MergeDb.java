package eu.billing.customers.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * Direct SQL for the merge tests: owned rows are inserted here (they have no API), balances are
 * set here, and the invariants are read here. Plain JDBC on the application's data source.
 */
final class MergeDb {

    /** One INSERT ... SELECT generate_series per owned table: ?1 organization, ?2 customer, ?3 rows. */
    private static final Map<OwnedTable, String> INSERTS = Map.of(
            OwnedTable.SUBSCRIPTIONS, """
                    INSERT INTO subscriptions (organization_id, id, customer_id, plan_code, status,
                        current_period_start, current_period_end, created_at)
                    SELECT ?, gen_random_uuid(), ?, 'pro-monthly', 'ACTIVE', now(), now() + interval '1 month', now()
                    FROM generate_series(1, ?)""",
            OwnedTable.INVOICES, """
                    INSERT INTO invoices (organization_id, id, customer_id, number, status, currency, total_amount,
                        issued_at, created_at)
                    SELECT ?, gen_random_uuid(), ?, 'INV-' || gen_random_uuid(), 'ISSUED', 'EUR', 19.99, now(), now()
                    FROM generate_series(1, ?)""",
            OwnedTable.PAYMENT_METHODS, """
                    INSERT INTO payment_methods (organization_id, id, customer_id, provider, method_type,
                        provider_ref, last4, created_at)
                    SELECT ?, gen_random_uuid(), ?, 'stripe', 'card', 'pm_' || g, '4242', now()
                    FROM generate_series(1, ?) g""",
            OwnedTable.USAGE_EVENTS, """
                    INSERT INTO usage_events (organization_id, id, customer_id, meter_code, quantity, occurred_at,
                        created_at)
                    SELECT ?, gen_random_uuid(), ?, 'api_calls', 1, now() - g * interval '1 second', now()
                    FROM generate_series(1, ?) g""",
            OwnedTable.CUSTOMER_PRICES, """
                    INSERT INTO customer_prices (organization_id, id, customer_id, product_code, currency,
                        unit_amount, valid_from, created_at)
                    SELECT ?, gen_random_uuid(), ?, 'sku-' || g, 'EUR', 9.99, now(), now()
                    FROM generate_series(1, ?) g""",
            OwnedTable.PROMOTION_REDEMPTIONS, """
                    INSERT INTO promotion_redemptions (organization_id, id, customer_id, promotion_code, currency,
                        amount, redeemed_at, created_at)
                    SELECT ?, gen_random_uuid(), ?, 'WELCOME', 'EUR', 5.00, now(), now()
                    FROM generate_series(1, ?)""");

    private final DataSource ds;

    MergeDb(DataSource ds) {
        this.ds = ds;
    }

    void insertOwned(OwnedTable table, String org, String customer, int rows) {
        update(INSERTS.get(table), UUID.fromString(org), UUID.fromString(customer), rows);
    }

    long countOwned(OwnedTable table, String org, String customer) {
        return queryLong("SELECT count(*) FROM " + table.table() + " WHERE organization_id = ? AND customer_id = ?",
                UUID.fromString(org), UUID.fromString(customer));
    }

    /** Sets the balances of the customer's open wallet in that currency. */
    void setBalances(String org, String customer, String currency, String cash, String held, String promo,
            Instant promoExpiresAt) {
        int n = update("""
                UPDATE wallets SET cash_balance = ?, held_balance = ?, promotional_balance = ?,
                    promotional_balance_expires_at = ?
                WHERE organization_id = ? AND customer_id = ? AND currency = ? AND status = 'ACTIVE'""",
                new BigDecimal(cash), new BigDecimal(held), new BigDecimal(promo),
                promoExpiresAt == null ? null : Timestamp.from(promoExpiresAt),
                UUID.fromString(org), UUID.fromString(customer), currency);
        assertEquals(1, n, "one open " + currency + " wallet for " + customer);
    }

    /** Sum of cash + held + promotional over every wallet of the organization. */
    BigDecimal walletTotal(String org) {
        return (BigDecimal) queryOne("""
                SELECT coalesce(sum(cash_balance + held_balance + promotional_balance), 0) FROM wallets
                WHERE organization_id = ?""", UUID.fromString(org)).get(0);
    }

    /** Owned rows (and wallets) whose customer is MERGED, over the whole database. */
    long rowsOnMergedCustomers() {
        long total = 0;
        List<String> tables = new ArrayList<>();
        for (OwnedTable t : OwnedTable.values()) {
            tables.add(t.table());
        }
        tables.add("wallets");
        for (String table : tables) {
            total += queryLong("SELECT count(*) FROM " + table + " o JOIN customers c"
                    + " ON c.organization_id = o.organization_id AND c.id = o.customer_id WHERE c.status = 'MERGED'");
        }
        return total;
    }

    /** Owned rows of the organization whose customer is not live. */
    long rowsOnDeadCustomers(String org) {
        long total = 0;
        for (OwnedTable t : OwnedTable.values()) {
            total += queryLong("SELECT count(*) FROM " + t.table() + " o JOIN customers c"
                    + " ON c.organization_id = o.organization_id AND c.id = o.customer_id"
                    + " WHERE o.organization_id = ? AND c.deleted_at IS NOT NULL", UUID.fromString(org));
        }
        return total;
    }

    /** One row as a list of column values (null when there is none). */
    List<Object> queryOne(String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.add(rs.getObject(i));
            }
            return row;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long queryLong(String sql, Object... params) {
        return ((Number) queryOne(sql, params).get(0)).longValue();
    }

    int update(String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = prepare(c, sql, params)) {
            int n = ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return n;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }
}
