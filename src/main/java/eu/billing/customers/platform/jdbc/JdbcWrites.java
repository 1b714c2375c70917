package eu.billing.customers.platform.jdbc;

import java.sql.PreparedStatement;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Writes straight on the transaction's JDBC connection, where going through Hibernate would cost
 * more than the write itself (issue 16): a create that claims an external id writes the complete new
 * customer in its {@code INSERT … ON CONFLICT DO NOTHING}, which Hibernate's persist cannot express
 * and a native query cannot bind (typed nulls, text[], jsonb); every event's webhook fan-out
 * {@code INSERT … SELECT}. Only inside a transaction, on the connection Agroal hands that transaction
 * (Hibernate's), after a flush of the persistence context, so the statement is ordered after what
 * the write did before it; shown to the StatementInspector first. {@link JdbcReads} runs them.
 */
@ApplicationScoped
public class JdbcWrites {

    private final JdbcReads jdbc;

    public JdbcWrites(JdbcReads jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Runs {@code sql} with {@code parameters} bound in order ({@link java.time.Instant}s as
     * timestamptz, {@code String[]} as text[]); answers the number of rows it wrote.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int update(String sql, List<?> parameters) {
        return jdbc.run(sql, parameters, PreparedStatement::executeUpdate);
    }
}
