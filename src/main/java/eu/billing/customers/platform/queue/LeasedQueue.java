package eu.billing.customers.platform.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.Ids;

/**
 * A work queue kept in a table of its own: one row per piece of work, keyed by
 * {@code (organization_id, <key>)}, with {@code due_at}, {@code claim_id}, {@code attempts} and
 * {@code created_at} columns and the payload columns the work needs.
 *
 * <p>Workers {@linkplain #claim claim} due rows with {@code FOR UPDATE SKIP LOCKED} and a lease:
 * a claimed row's {@code due_at} moves to the end of the lease, so the work of a worker that died
 * becomes due again by itself, and replicas share the queue without doing one piece twice at a
 * time. Every statement but {@link #organizationsWithDueWork()} (a read-only scan without locks)
 * names one organization, so under Citus each stays on one shard; {@link OrganizationDrain} runs
 * the work organization by organization. Used by the VAT checks (tax/VatCheckQueue); webhook
 * deliveries are meant to use it too.
 *
 * <p>Not a bean: each feature builds its queue over its own table. The methods that write run in
 * the caller's transaction.
 */
public final class LeasedQueue {

    /** The table: its name, its key column (a UUID), and the payload columns a claim returns. */
    public record Table(String name, String key, List<String> payload) {
    }

    /** A claimed row; {@code payload} in the order of {@link Table#payload()}. */
    public record Claimed(UUID organizationId, UUID key, List<Object> payload, int attempts, UUID claimId) {
    }

    private final EntityManager em;
    private final Clock clock;
    private final Table table;
    private final Duration lease;
    private final String put;
    private final String claim;

    public LeasedQueue(EntityManager em, Clock clock, Table table, Duration lease) {
        this.em = em;
        this.clock = clock;
        this.table = table;
        this.lease = lease;
        String payload = String.join(", ", table.payload());
        String values = table.payload().stream().map(c -> ":" + c).collect(Collectors.joining(", "));
        String updates = table.payload().stream().map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));
        this.put = """
                INSERT INTO %1$s (organization_id, %2$s, %3$s, attempts, due_at, claim_id, created_at)
                VALUES (:org, :key, %4$s, :attempts, :due, NULL, :now)
                ON CONFLICT (organization_id, %2$s) DO UPDATE SET %5$s,
                    attempts = excluded.attempts, due_at = excluded.due_at, claim_id = NULL,
                    created_at = excluded.created_at""".formatted(table.name(), table.key(), payload, values, updates);
        this.claim = """
                UPDATE %1$s q SET claim_id = :claim, due_at = :lease
                FROM (SELECT organization_id, %2$s FROM %1$s
                      WHERE organization_id = :org %%s AND due_at <= :now
                      ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED) d
                WHERE q.organization_id = :org AND q.organization_id = d.organization_id
                  AND q.%2$s = d.%2$s
                RETURNING q.organization_id, q.%2$s, q.attempts%3$s""".formatted(table.name(), table.key(),
                table.payload().stream().map(c -> ", q." + c).collect(Collectors.joining()));
    }

    /**
     * Queues the work of {@code key}, due at {@code due}, replacing any queued (or claimed: the
     * claim is lost) work of the same key. Rows written earlier in the transaction go first, so
     * the work may refer to them.
     */
    public void put(UUID organizationId, UUID key, Map<String, Object> payload, int attempts, Instant due) {
        em.flush();
        Query query = em.createNativeQuery(put).setParameter("org", organizationId).setParameter("key", key)
                .setParameter("attempts", attempts).setParameter("due", due).setParameter("now", Clocks.now(clock));
        table.payload().forEach(column -> query.setParameter(column, payload.get(column)));
        query.executeUpdate();
    }

    /** Drops the work of {@code key}, claimed or not. */
    public void remove(UUID organizationId, UUID key) {
        em.flush();
        em.createNativeQuery("DELETE FROM " + table.name() + " WHERE organization_id = ?1 AND " + table.key() + " = ?2")
                .setParameter(1, organizationId).setParameter(2, key).executeUpdate();
    }

    /** Organizations that have work due: a read-only scan over all of them, without locks. */
    @SuppressWarnings("unchecked")
    public List<UUID> organizationsWithDueWork() {
        return em.createNativeQuery("/* fan-out: read-only, no locks */ SELECT DISTINCT organization_id FROM "
                + table.name() + " WHERE due_at <= :now", UUID.class)
                .setParameter("now", Clocks.now(clock)).getResultList();
    }

    /**
     * Claims up to {@code limit} due rows of one organization (only {@code key}'s when given), in
     * one statement that names the organization, with a fresh claim id and the lease.
     */
    public List<Claimed> claim(UUID organizationId, UUID key, int limit) {
        return key == null ? claim(organizationId, null, null, limit, Duration.ZERO)
                : claim(organizationId, table.key(), key, limit, Duration.ZERO);
    }

    /**
     * Claims up to {@code limit} rows of one organization whose {@code column} (a key or payload
     * column) is {@code value} (any when {@code column} is null), due within {@code ahead} from now:
     * a worker that gave rows back for a moment (it had no room for them) takes them again as soon
     * as it has.
     */
    @SuppressWarnings("unchecked")
    public List<Claimed> claim(UUID organizationId, String column, Object value, int limit, Duration ahead) {
        if (column != null && !column.equals(table.key()) && !table.payload().contains(column)) {
            throw new IllegalArgumentException(column + " is not a column of " + table.name());
        }
        Instant now = Clocks.now(clock);
        UUID claimId = Ids.newId();
        Query query = em.createNativeQuery(claim.formatted(column == null ? "" : "AND " + column + " = :value"))
                .setParameter("claim", claimId).setParameter("lease", now.plus(lease)).setParameter("now", now.plus(ahead))
                .setParameter("limit", limit).setParameter("org", organizationId);
        if (column != null) {
            query.setParameter("value", value);
        }
        List<Claimed> claimed = new ArrayList<>();
        for (Object[] r : (List<Object[]>) query.getResultList()) {
            List<Object> payload = new ArrayList<>();
            for (int i = 3; i < r.length; i++) {
                payload.add(r[i]);
            }
            claimed.add(new Claimed((UUID) r[0], (UUID) r[1], payload, ((Number) r[2]).intValue(), claimId));
        }
        return claimed;
    }

    /**
     * Whether the row is still this claim's (not re-queued or taken over after the lease ran out);
     * when it is, it stays locked until the transaction ends.
     */
    public boolean holds(Claimed c) {
        return !em.createNativeQuery("SELECT 1 FROM " + table.name() + " WHERE organization_id = ?1 AND "
                + table.key() + " = ?2 AND claim_id = ?3 FOR UPDATE")
                .setParameter(1, c.organizationId()).setParameter(2, c.key()).setParameter(3, c.claimId())
                .getResultList().isEmpty();
    }

    /** Gives the claimed work back, due at {@code due}, attempts unchanged (nothing was tried). */
    public void postpone(Claimed c, Instant due) {
        em.createNativeQuery("UPDATE " + table.name() + " SET due_at = ?1, claim_id = NULL WHERE organization_id = ?2 AND "
                + table.key() + " = ?3 AND claim_id = ?4")
                .setParameter(1, due).setParameter(2, c.organizationId()).setParameter(3, c.key())
                .setParameter(4, c.claimId()).executeUpdate();
    }

    /**
     * Gives back, due at {@code due}, the rows of {@code keys} that one claim of the organization
     * still holds: one statement however many.
     */
    public void postponeAll(UUID organizationId, UUID claimId, List<UUID> keys, Instant due) {
        if (keys.isEmpty()) {
            return;
        }
        em.createNativeQuery("UPDATE " + table.name() + " SET due_at = ?1, claim_id = NULL WHERE organization_id = ?2 AND "
                + table.key() + " = ANY(CAST(?3 AS uuid[])) AND claim_id = ?4")
                .setParameter(1, due).setParameter(2, organizationId).setParameter(3, keys.toArray(UUID[]::new))
                .setParameter(4, claimId).executeUpdate();
    }

    /**
     * The claimed work failed for now: it is due again at {@code due}, with {@code attempts}, and
     * the payload columns in {@code set} changed.
     */
    public void retry(Claimed c, int attempts, Instant due, Map<String, Object> set) {
        StringBuilder sql = new StringBuilder("UPDATE ").append(table.name())
                .append(" SET attempts = :attempts, due_at = :due, claim_id = NULL");
        set.keySet().forEach(column -> sql.append(", ").append(column).append(" = :").append(column));
        sql.append(" WHERE organization_id = :org AND ").append(table.key()).append(" = :key AND claim_id = :claim");
        Query query = em.createNativeQuery(sql.toString()).setParameter("attempts", attempts).setParameter("due", due)
                .setParameter("org", c.organizationId()).setParameter("key", c.key())
                .setParameter("claim", c.claimId());
        set.forEach(query::setParameter);
        query.executeUpdate();
    }

    /**
     * The claimed work of one organization is done: the rows each claim still holds leave the
     * queue, in one statement.
     */
    public void completeAll(UUID organizationId, List<Claimed> claims) {
        if (claims.isEmpty()) {
            return;
        }
        em.createNativeQuery("DELETE FROM " + table.name() + " WHERE organization_id = ?1 AND (" + table.key()
                + ", claim_id) IN (SELECT * FROM unnest(CAST(?2 AS uuid[]), CAST(?3 AS uuid[])))")
                .setParameter(1, organizationId).setParameter(2, claims.stream().map(Claimed::key).toArray(UUID[]::new))
                .setParameter(3, claims.stream().map(Claimed::claimId).toArray(UUID[]::new)).executeUpdate();
    }

    /** The claimed work is done (or moot): it leaves the queue. */
    public void complete(Claimed c) {
        em.createNativeQuery("DELETE FROM " + table.name() + " WHERE organization_id = ?1 AND " + table.key()
                + " = ?2 AND claim_id = ?3")
                .setParameter(1, c.organizationId()).setParameter(2, c.key()).setParameter(3, c.claimId())
                .executeUpdate();
    }
}
