package eu.billing.customers.platform.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;

/**
 * A write of a whole row straight on the transaction's JDBC connection, for the one place where
 * binding it through Hibernate would cost more than the write itself: a create that claims an
 * external id writes the complete new customer in its {@code INSERT … ON CONFLICT DO NOTHING}
 * (issue 16), which Hibernate's persist cannot express and a native query cannot bind (typed
 * nulls, text[], jsonb). Only inside a transaction, on the connection Agroal hands that
 * transaction (Hibernate's), after a flush of the persistence context, so the statement is ordered
 * after what the write did before it. Shown to the {@link StatementInspector} first, as
 * {@link JdbcReads} does.
 */
@ApplicationScoped
public class JdbcWrites {

    private final DataSource dataSource;
    private final StatementInspector inspector;
    private final EntityManager em;

    public JdbcWrites(DataSource dataSource, @PersistenceUnitExtension Instance<StatementInspector> inspectors,
            EntityManager em) {
        this.dataSource = dataSource;
        this.inspector = inspectors.isResolvable() ? inspectors.get() : null;
        this.em = em;
    }

    /**
     * Runs {@code sql} with {@code parameters} bound in order ({@link java.time.Instant}s as
     * timestamptz, {@code String[]} as text[]); answers the number of rows it wrote.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int update(String sql, List<?> parameters) {
        em.flush();
        String statement = inspector == null ? sql : inspector.inspect(sql);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.size(); i++) {
                JdbcReads.bind(update, i + 1, parameters.get(i));
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("write failed: " + e.getMessage(), e);
        }
    }
}
