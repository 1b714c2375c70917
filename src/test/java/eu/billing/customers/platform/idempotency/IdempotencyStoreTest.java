package eu.billing.customers.platform.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import eu.billing.customers.platform.tenancy.ApiKeys;
import eu.billing.customers.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The key's lock ({@link IdempotencyStore#tryLock}) is the transaction's own: held by its session
 * until it ends, refused while another transaction holds it; the lookup after it reads the key's
 * stored answer.
 */
@QuarkusTest
class IdempotencyStoreTest {

    private static final String HELD_HERE = """
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND mode = 'ExclusiveLock' AND granted""";

    @Inject
    IdempotencyStore store;

    @Inject
    EntityManager em;

    @Test
    void aFreeKeyIsTakenByTheTransactionsOwnSessionAndFoundAbsent() {
        UUID org = ApiKeys.organizationOf(Api.newOrganization()).orElseThrow();
        QuarkusTransaction.requiringNew().run(() -> {
            String key = "free-" + UUID.randomUUID();
            assertTrue(store.tryLock(org, key));
            assertTrue(store.find(org, key).isEmpty());
            assertEquals(1L, held(), "held by the session Hibernate's statements run on");
        });
        QuarkusTransaction.requiringNew().run(() -> assertEquals(0L, held(), "released at the end"));
    }

    @Test
    void aKeyHeldByAnotherTransactionIsNotTaken() throws Exception {
        UUID org = ApiKeys.organizationOf(Api.newOrganization()).orElseThrow();
        String key = "held-" + UUID.randomUUID();
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> holder = other.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                boolean locked = store.tryLock(org, key);
                taken.countDown();
                assertTrue(done.await(30, TimeUnit.SECONDS));
                return locked;
            }));
            assertTrue(taken.await(30, TimeUnit.SECONDS));
            QuarkusTransaction.requiringNew().run(() -> assertFalse(store.tryLock(org, key)));
            done.countDown();
            assertTrue(holder.get(30, TimeUnit.SECONDS));
            QuarkusTransaction.requiringNew().run(() -> assertTrue(store.tryLock(org, key),
                    "free again once the holder ended"));
        } finally {
            done.countDown();
            other.shutdownNow();
        }
    }

    @Test
    void theLookupAfterTheLockReadsTheStoredAnswer() {
        UUID org = ApiKeys.organizationOf(Api.newOrganization()).orElseThrow();
        String key = "stored-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                INSERT INTO idempotency_keys (organization_id, idempotency_key, request_hash, method, path, state,
                    response_status, response_type, response_body, created_at, expires_at)
                VALUES (?1, ?2, '\\x01', 'POST', '/v1/customers', 'done', 201, 'application/json', '{"data":{}}',
                    now(), now() + interval '1 day')""").setParameter(1, org).setParameter(2, key).executeUpdate());
        QuarkusTransaction.requiringNew().run(() -> {
            assertTrue(store.tryLock(org, key));
            StoredResponse stored = store.find(org, key).orElseThrow();
            assertEquals(201, stored.status());
            assertEquals("{\"data\":{}}", stored.body());
        });
    }

    private long held() {
        return ((Number) em.createNativeQuery(HELD_HERE).getSingleResult()).longValue();
    }
}
