package eu.billing.customers.customfield;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import eu.billing.customers.platform.jdbc.JdbcReads;

/**
 * The organization's custom-field lock, held until the transaction ends (docs: README "Custom
 * fields", "Concurrency"). A customer write that sets or checks custom fields holds it shared
 * while it reads the definitions and writes its values; a definition change holds it exclusively
 * while it counts the values the change would invalidate and writes the definition. So a change
 * never misses a value a concurrent customer write is about to commit, and a customer write never
 * validates against a definition that is being changed: the race ends either with the customer
 * write first (and counted: 409) or with the definition change first (and the write validated
 * against it: 400). A row lock on the definitions would not cover a new definition created
 * {@code required}, nor the limit of live definitions. A transaction-level advisory lock keyed by
 * the organization: no rows, nothing left behind, fine with PgBouncer's transaction pooling; the
 * statement names no table, so it runs on the Citus coordinator.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CustomFieldLock {

    private static final String SHARED = """
            SELECT count(*) FROM (SELECT pg_advisory_xact_lock_shared(hashtextextended(?, 0))) l""";
    private static final String EXCLUSIVE = """
            SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(?, 0))) l""";

    private final JdbcReads jdbc;

    public CustomFieldLock(JdbcReads jdbc) {
        this.jdbc = jdbc;
    }

    /** For a customer write: many may hold it at once. Take it before any customer row lock. */
    public void shared(UUID organizationId) {
        take(SHARED, organizationId);
    }

    /** For a definition change: waits for the customer writes in flight, holds back new ones. */
    public void exclusive(UUID organizationId) {
        take(EXCLUSIVE, organizationId);
    }

    /**
     * On the transaction's own connection, without Hibernate's query machinery: every customer
     * write takes the lock (issue 16: through a native query it was a twelfth of a create's CPU).
     */
    private void take(String lock, UUID organizationId) {
        jdbc.query(lock, List.of(name(organizationId)), rows -> rows.next());
    }

    private static String name(UUID organizationId) {
        return "custom_fields:" + organizationId;
    }
}
