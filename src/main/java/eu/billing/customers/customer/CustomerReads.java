package eu.billing.customers.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.billing.customers.platform.jdbc.JdbcReads;
import eu.billing.customers.platform.tenancy.Caller;

/**
 * The read paths of the API ({@code GET /v1/customers/{id}}): one JDBC statement per answer, no
 * Hibernate session, no managed entity (issue 16: Hibernate's per-query machinery was most of a
 * {@code GET}'s CPU). A feature that shows part of every answer (the tax profile) reads its part in
 * the same statement through a {@link Joined}: this package knows none of its tables. Listings read
 * the same way ({@link CustomerListing#read}).
 */
@ApplicationScoped
public class CustomerReads {

    /**
     * What another feature reads in the customer's own statement, over the customers row aliased
     * {@code c}: select-list expressions and the joins they need. They may use only
     * {@code c.organization_id}, {@code c.id} and {@code c.vat_number} (see {@link #joined}). Each
     * expression must name organization_id in its WHERE clause (docs/scaling.md); a join may reach
     * only the reference table organizations.
     */
    public interface Joined<T> {

        /** Select-list expressions (comma-separated), read by {@link #read} in this order. */
        String columns();

        /** Joins to the customer row {@code c} (may be empty). */
        String joins();

        /** Its part of the current row; its first column is {@code first}. */
        T read(Customer customer, ResultSet row, int first) throws SQLException;
    }

    /** A customer as read (a transient copy of its row, never managed) with another feature's part of it. */
    public record Read<T>(Customer customer, T joined) {
    }

    private final JdbcReads db;
    private final Caller caller;

    public CustomerReads(JdbcReads db, Caller caller) {
        this.db = db;
        this.caller = caller;
    }

    /** A customer of the caller's organization, whatever its status; 404 when there is none. */
    public <T> Read<T> get(UUID id, Joined<T> joined) {
        return get(caller.organizationId(), id, joined);
    }

    /** A customer of the organization, whatever its status; 404 when there is none. */
    public <T> Read<T> get(UUID organizationId, UUID id, Joined<T> joined) {
        String sql = "SELECT " + CustomerRows.COLUMNS + ", " + joined.columns() + " FROM customers c "
                + joined.joins() + " WHERE c.organization_id = ? AND c.id = ?";
        Read<T> read = db.query(sql, List.of(organizationId, id), rows -> rows.next() ? read(rows, joined) : null);
        if (read == null) {
            throw new CustomerNotFound(id);
        }
        return read;
    }

    /**
     * Another feature's part of a customer the caller holds (a write's answer, whose customer is the
     * write's own result): one statement over the customer's organization, id and VAT number as the
     * write left them, not over its row.
     */
    public <T> T joined(Customer c, Joined<T> joined) {
        String sql = "SELECT " + joined.columns() + " FROM (VALUES (CAST(? AS uuid), CAST(? AS uuid), "
                + "CAST(? AS varchar))) AS c (organization_id, id, vat_number) " + joined.joins();
        return db.query(sql, Arrays.asList(c.organizationId, c.id, c.vatNumber), rows -> {
            rows.next();
            return joined.read(c, rows, 1);
        });
    }

    static <T> Read<T> read(ResultSet row, Joined<T> joined) throws SQLException {
        Customer c = CustomerRows.read(row);
        return new Read<>(c, joined.read(c, row, CustomerRows.COUNT + 1));
    }
}
