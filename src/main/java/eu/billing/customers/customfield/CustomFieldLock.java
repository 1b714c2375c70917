package eu.billing.customers.customfield;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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
            SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))) l""";

    private final EntityManager em;
    private final JdbcReads jdbc;

    public CustomFieldLock(EntityManager em, JdbcReads jdbc) {
        this.em = em;
        this.jdbc = jdbc;
    }

    /**
     * For a customer write: many may hold it at once. Take it before any customer row lock. On
     * the transaction's connection without Hibernate's query machinery: every customer write takes
     * it (issue 16: it was a twelfth of a create's CPU samples).
     */
    public void shared(UUID organizationId) {
        jdbc.query(SHARED, List.of(name(organizationId)), rows -> rows.next());
    }

    /** For a definition change: waits for the customer writes in flight, holds back new ones. */
    public void exclusive(UUID organizationId) {
        em.createNativeQuery(EXCLUSIVE).setParameter(1, name(organizationId)).getSingleResult();
    }

    private static String name(UUID organizationId) {
        return "custom_fields:" + organizationId;
    }
}
