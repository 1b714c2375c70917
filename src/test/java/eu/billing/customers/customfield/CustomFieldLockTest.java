package eu.billing.customers.customfield;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The organization's custom-field lock is held by the write's own database session until its
 * transaction ends: taken over plain JDBC, it must be on the connection the transaction (and
 * Hibernate) use, or it would be a lock of another session, released at once in autocommit, and
 * the races of {@link CustomFieldRaceTest} would be lost only now and then.
 */
@QuarkusTest
class CustomFieldLockTest {

    private static final String HELD_HERE = """
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND mode = ?1 AND granted""";

    @Inject
    CustomFieldLock lock;

    @Inject
    EntityManager em;

    @Test
    void theSharedLockIsHeldByTheTransactionsOwnSessionUntilItEnds() {
        UUID org = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            assertEquals(0L, held("ShareLock"), "before");
            lock.shared(org);
            assertEquals(1L, held("ShareLock"), "held by the session Hibernate's queries run on");
        });
        QuarkusTransaction.requiringNew().run(() -> assertEquals(0L, held("ShareLock"), "released at the end"));
    }

    @Test
    void theExclusiveLockToo() {
        UUID org = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            lock.exclusive(org);
            assertEquals(1L, held("ExclusiveLock"));
        });
    }

    private long held(String mode) {
        return ((Number) em.createNativeQuery(HELD_HERE).setParameter(1, mode).getSingleResult()).longValue();
    }
}
