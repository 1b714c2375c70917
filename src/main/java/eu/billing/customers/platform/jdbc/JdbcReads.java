package eu.billing.customers.platform.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;

/**
 * Queries run straight on a pooled JDBC connection, mapped by the caller from the result set (reads,
 * and a lock taken with a {@code SELECT}; writes go through {@link JdbcWrites}, which runs them the
 * same way): no Hibernate session, no entity, no persistence context, no query interpretation (the read
 * paths of issue 16: a {@code GET} of a customer or a page of them is one statement). Outside a
 * transaction the connection goes back to the pool as soon as the rows are read (like
 * {@code ApiKeys}); inside one, Agroal hands out the transaction's own connection, and the
 * persistence context is flushed first, as Hibernate flushes before its own queries: a read inside
 * a write sees what the write has done so far, whether or not the write flushed itself.
 *
 * <p>Every statement is first shown to the persistence unit's {@link StatementInspector} when one
 * is configured (none in production), exactly as Hibernate shows it its own: the tests that record
 * every statement (the organization_id rule of docs/scaling.md, the statement counts) see these too.
 */
@ApplicationScoped
public class JdbcReads {

    /** Reads what it needs from the result set (positioned before the first row). */
    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private final DataSource dataSource;
    private final StatementInspector inspector;
    private final EntityManager em;
    private final TransactionManager transactions;

    public JdbcReads(DataSource dataSource, @PersistenceUnitExtension Instance<StatementInspector> inspectors,
            EntityManager em, TransactionManager transactions) {
        this.dataSource = dataSource;
        this.inspector = inspectors.isResolvable() ? inspectors.get() : null;
        this.em = em;
        this.transactions = transactions;
    }

    /** Runs {@code sql} with {@code parameters} bound in order ({@link Instant}s as timestamptz). */
    public <T> T query(String sql, List<?> parameters, Rows<T> rows) {
        return run(sql, parameters, statement -> {
            try (ResultSet result = statement.executeQuery()) {
                return rows.read(result);
            }
        });
    }

    /** What to do with the prepared, bound statement. */
    @FunctionalInterface
    interface Execution<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /**
     * The one way this package runs a statement (a query here, a write in {@link JdbcWrites}): the
     * persistence context flushed inside a transaction, the statement shown to the inspector, then
     * prepared on the pooled connection (the transaction's own inside one) with its parameters bound.
     */
    <T> T run(String sql, List<?> parameters, Execution<T> execution) {
        flushInTransaction();
        String statement = inspector == null ? sql : inspector.inspect(sql);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement prepared = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.size(); i++) {
                bind(prepared, i + 1, parameters.get(i));
            }
            return execution.run(prepared);
        } catch (SQLException e) {
            throw new PersistenceException("statement failed: " + e.getMessage(), e);
        }
    }

    private void flushInTransaction() {
        try {
            if (transactions.getStatus() == Status.STATUS_ACTIVE) {
                em.flush();
            }
        } catch (SystemException e) {
            throw new PersistenceException("the transaction's status is unknown: " + e.getMessage(), e);
        }
    }

    /** Binds one parameter: {@link Instant}s as timestamptz, {@code String[]} as text[]. */
    static void bind(PreparedStatement query, int index, Object value) throws SQLException {
        if (value == null) {
            query.setNull(index, Types.NULL);
        } else if (value instanceof Instant instant) {
            query.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else if (value instanceof String text) {
            query.setString(index, text);
        } else if (value instanceof String[] texts) {
            query.setArray(index, query.getConnection().createArrayOf("text", texts));
        } else {
            query.setObject(index, value);
        }
    }

    /** A timestamptz column as an instant; null stays null. */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime t = row.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** A nullable integer column. */
    public static Integer integer(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    /** A text[] column (never null in our schema; null answers an empty array). */
    public static String[] texts(ResultSet row, int column) throws SQLException {
        java.sql.Array array = row.getArray(column);
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
