package eu.billing.customers.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import eu.billing.customers.events.EventRecorded;
import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.jdbc.JdbcWrites;
import eu.billing.customers.platform.queue.LeasedQueue;

/**
 * The queue of deliveries (table {@code webhook_deliveries}) on {@link LeasedQueue}: one row per
 * event and endpoint, written in the transaction of the event, so an event that commits is queued
 * for every endpoint that wanted it then, and an event that rolls back is queued for none. The row's
 * id is derived from the endpoint and the event ({@code md5(endpoint || event)}): the same
 * delivery keeps its id across retries, manual retries and replays.
 */
@ApplicationScoped
public class DeliveryQueue {

    private static final LeasedQueue.Table TABLE = new LeasedQueue.Table("webhook_deliveries", "id",
            List.of("endpoint_id", "event_id"));

    /** The fan-out of one event: a delivery to every enabled endpoint of the organization that wants its type. */
    /** Parameters: the event's id (twice), now (twice), the organization, the event's type. */
    private static final String FAN_OUT = """
            INSERT INTO webhook_deliveries (organization_id, id, endpoint_id, event_id, attempts, due_at, claim_id,
                                            created_at)
            SELECT w.organization_id, CAST(md5(CAST(w.id AS text) || CAST(? AS text)) AS uuid), w.id, ?,
                   0, ?, NULL, ?
            FROM webhook_endpoints w
            WHERE w.organization_id = ? AND NOT w.disabled
              AND (w.enabled_events @> CAST('["*"]' AS jsonb) OR w.enabled_events @> jsonb_build_array(CAST(? AS text)))
            ON CONFLICT (organization_id, id) DO NOTHING""";

    private final EntityManager em;
    private final JdbcWrites jdbc;
    private final Clock clock;
    private final LeasedQueue queue;
    private final Event<DeliveriesQueued> queued;
    private final java.time.Duration lease;

    public DeliveryQueue(EntityManager em, JdbcWrites jdbc, Clock clock, WebhookConfig config,
            Event<DeliveriesQueued> queued) {
        this.em = em;
        this.jdbc = jdbc;
        this.clock = clock;
        this.queue = new LeasedQueue(em, clock, TABLE, config.lease());
        this.queued = queued;
        this.lease = config.lease();
    }

    /** A claimed delivery. */
    public record Claim(UUID organizationId, UUID deliveryId, UUID endpointId, UUID eventId, int attempts,
            LeasedQueue.Claimed lease) {
    }

    /** Queues the deliveries of an event, in its transaction (EventLog's, which is mandatory). */
    void onEvent(@Observes EventRecorded event) {
        Instant now = Clocks.now(clock);
        // on the transaction's connection, after a flush, as a native query would run it, without
        // Hibernate's query machinery (issue 16: it was a seventh of a create's CPU samples)
        int rows = jdbc.update(FAN_OUT, List.of(event.eventId(), event.eventId(), now, now, event.organizationId(),
                event.type()));
        if (rows > 0) {
            queued.fire(new DeliveriesQueued(event.organizationId()));
        }
    }

    /**
     * Queues the organization's events that occurred in {@code [from, to)} for the endpoint, due now
     * (a delivery already queued is made due now); answers how many.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int replay(WebhookEndpoint endpoint, Instant from, Instant to) {
        em.flush();
        Instant now = Clocks.now(clock);
        String types = endpoint.enabledEvents.contains("*") ? "" : " AND e.type IN (:types)";
        var query = em.createNativeQuery("""
                INSERT INTO webhook_deliveries (organization_id, id, endpoint_id, event_id, attempts, due_at, claim_id,
                                                created_at)
                SELECT e.organization_id, CAST(md5(CAST(:endpoint AS text) || CAST(e.id AS text)) AS uuid), :endpoint,
                       e.id, 0, :now, NULL, :now
                FROM events e
                WHERE e.organization_id = :org AND e.occurred_at >= :from AND e.occurred_at < :to""" + types + """

                ON CONFLICT (organization_id, id) DO UPDATE SET due_at = excluded.due_at, claim_id = NULL,
                    attempts = 0, created_at = excluded.created_at""")
                .setParameter("org", endpoint.organizationId).setParameter("endpoint", endpoint.id)
                .setParameter("now", now).setParameter("from", from).setParameter("to", to);
        if (!types.isEmpty()) {
            query.setParameter("types", endpoint.enabledEvents);
        }
        int rows = query.executeUpdate();
        if (rows > 0) {
            queued.fire(new DeliveriesQueued(endpoint.organizationId));
        }
        return rows;
    }

    /** Queues one delivery again, due now, with a fresh retry window. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void retryNow(UUID organizationId, UUID deliveryId, UUID endpointId, UUID eventId) {
        queue.put(organizationId, deliveryId, Map.of("endpoint_id", endpointId, "event_id", eventId), 0,
                Clocks.now(clock));
        queued.fire(new DeliveriesQueued(organizationId));
    }

    /** Drops every queued delivery of the endpoint (it was disabled). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void dropAll(UUID organizationId, UUID endpointId) {
        em.flush();
        em.createNativeQuery("DELETE FROM webhook_deliveries WHERE organization_id = ?1 AND endpoint_id = ?2")
                .setParameter(1, organizationId).setParameter(2, endpointId).executeUpdate();
    }

    /** Organizations that have deliveries due: a read-only scan over all of them, without locks. */
    @Transactional
    public List<UUID> organizationsWithDueDeliveries() {
        return queue.organizationsWithDueWork();
    }

    /** Claims up to {@code limit} due deliveries of one organization. */
    @Transactional
    public List<Claim> claim(UUID organizationId, int limit) {
        return queue.claim(organizationId, null, limit).stream()
                .map(k -> new Claim(k.organizationId(), k.key(), (UUID) k.payload().get(0), (UUID) k.payload().get(1),
                        k.attempts(), k))
                .toList();
    }

    /**
     * Claims up to {@code limit} deliveries of one endpoint due within {@code ahead}: a lane that
     * gave deliveries back while it was full takes them again as soon as it has room.
     */
    @Transactional
    public List<Claim> claimForEndpoint(UUID organizationId, UUID endpointId, int limit, java.time.Duration ahead) {
        return queue.claim(organizationId, "endpoint_id", endpointId, limit, ahead).stream()
                .map(k -> new Claim(k.organizationId(), k.key(), (UUID) k.payload().get(0), (UUID) k.payload().get(1),
                        k.attempts(), k))
                .toList();
    }

    /**
     * Whether the claim still holds the delivery, renewing its lease from now when it does: called
     * right before the request, so the lease (longer than the request timeout) outlives the attempt
     * however long the claim waited in a lane. A claim that ran out (another replica took the
     * delivery over) is not sent.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean renew(Claim k) {
        return em.createNativeQuery("UPDATE webhook_deliveries SET due_at = ?1 WHERE organization_id = ?2 AND id = ?3 "
                + "AND claim_id = ?4").setParameter(1, Clocks.now(clock).plus(lease)).setParameter(2, k.organizationId())
                .setParameter(3, k.deliveryId()).setParameter(4, k.lease().claimId()).executeUpdate() == 1;
    }

    /** Gives claimed deliveries back, untried, due at {@code due}: one statement per claim they came from. */
    @Transactional
    public void postponeAll(List<Claim> claims, Instant due) {
        claims.stream().collect(java.util.stream.Collectors.groupingBy(k -> k.lease().claimId(),
                java.util.LinkedHashMap::new, java.util.stream.Collectors.toList()))
                .forEach((claimId, same) -> queue.postponeAll(same.get(0).organizationId(), claimId,
                        same.stream().map(Claim::deliveryId).toList(), due));
    }

    /** Delivered: the deliveries of one organization that their claims still hold leave the queue. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void completeAll(UUID organizationId, List<Claim> claims) {
        queue.completeAll(organizationId, claims.stream().map(Claim::lease).toList());
    }

    /** The attempt failed: due again at {@code due}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void retry(Claim k, int attempts, Instant due) {
        queue.retry(k.lease(), attempts, due, Map.of());
    }

    /** Delivered, or given up. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(Claim k) {
        queue.complete(k.lease());
    }

    /** When the delivery was queued (the start of its retry window); null when it is no longer this claim's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Instant queuedAt(Claim k) {
        List<?> rows = em.createNativeQuery("SELECT created_at FROM webhook_deliveries WHERE organization_id = ?1 "
                + "AND id = ?2 AND claim_id = ?3 FOR UPDATE")
                .setParameter(1, k.organizationId()).setParameter(2, k.deliveryId()).setParameter(3, k.lease().claimId())
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object v = rows.get(0);
        return v instanceof java.time.OffsetDateTime o ? o.toInstant() : v instanceof java.sql.Timestamp t ? t.toInstant()
                : (Instant) v;
    }
}
