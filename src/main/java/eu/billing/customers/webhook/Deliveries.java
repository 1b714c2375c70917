package eu.billing.customers.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.events.Event;
import eu.billing.customers.events.EventLog;
import eu.billing.customers.events.EventView;
import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.page.KeysetQuery;
import eu.billing.customers.platform.page.ListEnvelope;
import eu.billing.customers.platform.page.Page;
import eu.billing.customers.platform.page.PageRequest;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.problem.ValidationFailed;
import eu.billing.customers.platform.tenancy.Caller;

/**
 * The database side of deliveries, each step its own short transaction around the HTTP call (which
 * happens in none): what a claimed delivery sends ({@link #prepare}), what its attempt came to
 * ({@link #record}), the delivery log, and the requests that queue deliveries again (retry, replay).
 */
@ApplicationScoped
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    /** Events one replay request queues at most; the answer's next_from continues. */
    public static final int MAX_REPLAY = 10_000;
    /** The range a replay may name (PostgreSQL's timestamps end long before Instant's). */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final EntityManager em;
    private final Clock clock;
    private final Caller caller;
    private final DeliveryQueue queue;
    private final WebhookEndpoints endpoints;
    private final EventLog events;
    private final WebhookConfig config;
    private final ObjectMapper mapper;

    public Deliveries(EntityManager em, Clock clock, Caller caller, DeliveryQueue queue, WebhookEndpoints endpoints,
            EventLog events, WebhookConfig config, ObjectMapper mapper) {
        this.em = em;
        this.clock = clock;
        this.caller = caller;
        this.queue = queue;
        this.endpoints = endpoints;
        this.events = events;
        this.config = config;
        this.mapper = mapper;
    }

    /**
     * What a claimed delivery sends, read at {@code preparedAt} ({@code preparedNanos} on this
     * replica's monotonic clock): the endpoint's URL and live secrets and the event's body.
     */
    public record Message(DeliveryQueue.Claim claim, String url, String eventType, String body, List<String> secrets,
            Instant preparedAt, long preparedNanos) {

        /**
         * Whether it may be sent as read: read less than {@code fresh} ago (by the application's
         * clock and by this replica's), so its lease, taken or renewed then, outlives the attempt.
         */
        public boolean fresh(Instant now, Duration fresh) {
            return now.isBefore(preparedAt.plus(fresh)) && System.nanoTime() - preparedNanos < fresh.toNanos();
        }
    }

    /** An attempt made, waiting to be recorded. */
    public record Attempted(Message message, WebhookSender.Result result, Instant attemptedAt) {
    }

    /**
     * Claims up to {@code limit} due deliveries of the organization and reads what they send, in
     * one transaction: one statement for the claim, one for the events, one for the endpoints.
     */
    @Transactional
    public List<Message> claim(UUID organizationId, int limit) {
        return prepareAll(organizationId, queue.claim(organizationId, limit));
    }

    /** Claims up to {@code limit} deliveries of one endpoint due within {@code ahead}, and reads them. */
    @Transactional
    public List<Message> claimForEndpoint(UUID organizationId, UUID endpointId, int limit, Duration ahead) {
        return prepareAll(organizationId, queue.claimForEndpoint(organizationId, endpointId, limit, ahead));
    }

    /**
     * What each claimed delivery of the organization sends; a delivery whose endpoint is disabled
     * or whose event is gone leaves the queue, and one whose endpoint was deleted is skipped.
     */
    private List<Message> prepareAll(UUID organizationId, List<DeliveryQueue.Claim> claims) {
        if (claims.isEmpty()) {
            return List.of();
        }
        Instant now = Clocks.now(clock);
        long nanos = System.nanoTime();
        Map<UUID, WebhookEndpoint> endpointsById = new HashMap<>();
        WebhookEndpoint.<WebhookEndpoint>find("organizationId = ?1 and id in ?2", organizationId,
                claims.stream().map(DeliveryQueue.Claim::endpointId).distinct().toList()).list()
                .forEach(e -> endpointsById.put(e.id, e));
        Map<UUID, Event> eventsById = new HashMap<>();
        Event.<Event>find("organizationId = ?1 and id in ?2", organizationId,
                claims.stream().map(DeliveryQueue.Claim::eventId).distinct().toList()).list()
                .forEach(e -> eventsById.put(e.id, e));
        List<Message> messages = new ArrayList<>(claims.size());
        List<DeliveryQueue.Claim> moot = new ArrayList<>();
        for (DeliveryQueue.Claim k : claims) {
            WebhookEndpoint e = endpointsById.get(k.endpointId());
            if (e == null) {
                continue; // deleted: its deliveries went with it
            }
            Event event = eventsById.get(k.eventId());
            if (e.disabled || event == null) {
                moot.add(k);
                continue;
            }
            messages.add(new Message(k, e.url, event.type, body(event), e.signingSecrets(now), now, nanos));
        }
        if (!moot.isEmpty()) {
            queue.completeAll(organizationId, moot);
        }
        return messages;
    }

    private String body(Event event) {
        try {
            return mapper.writeValueAsString(EventView.of(event));
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("event " + event.id + " cannot be written as JSON", x);
        }
    }

    /**
     * Reads again what a claimed delivery sends, renewing its lease from now: for a claim that
     * waited in its lane too long to be sent as claimed. Null when there is nothing to send (it
     * was delivered meanwhile, dropped, or taken over by another replica after its lease).
     */
    @Transactional
    public Message prepare(DeliveryQueue.Claim k) {
        if (!queue.renew(k)) {
            return null;
        }
        List<Message> m = prepareAll(k.organizationId(), List.of(k));
        return m.isEmpty() ? null : m.get(0);
    }

    /** Records one attempt ({@link #recordAll}); answers its outcome. */
    @Transactional
    @ActivateRequestContext
    public String record(Attempted attempted) {
        return recordAll(List.of(attempted)).get(0);
    }

    /**
     * Records attempts, in one transaction: a delivered one leaves the queue (one statement per
     * organization for all of them, and one that ends their endpoints' failing streaks); a failed
     * one is due again after the schedule's wait, or given up at the end of the retry window, and
     * starts or continues its endpoint's failing streak: a streak as long as the retry window
     * disables the endpoint with a {@code webhook_endpoint.disabled} event. The attempts go to the
     * delivery log in one statement per organization. Answers the outcomes, in order.
     */
    @Transactional
    @ActivateRequestContext
    public List<String> recordAll(List<Attempted> batch) {
        Instant now = Clocks.now(clock);
        List<String> outcomes = new ArrayList<>(batch.size());
        Map<UUID, List<WebhookAttempt>> attempts = new LinkedHashMap<>();
        Map<UUID, List<DeliveryQueue.Claim>> delivered = new LinkedHashMap<>();
        for (Attempted x : batch) {
            DeliveryQueue.Claim k = x.message().claim();
            WebhookSender.Result result = x.result();
            WebhookAttempt a = new WebhookAttempt();
            a.id = Ids.newId();
            a.organizationId = k.organizationId();
            a.endpointId = k.endpointId();
            a.deliveryId = k.deliveryId();
            a.eventId = k.eventId();
            a.eventType = x.message().eventType();
            a.attempt = k.attempts() + 1;
            a.attemptedAt = x.attemptedAt();
            a.statusCode = result.statusCode();
            a.error = result.error() == null ? null : WebhookSender.cut(result.error(), 500);
            a.durationMs = (int) Math.min(Integer.MAX_VALUE, result.durationMillis());
            if (result.success()) {
                a.outcome = WebhookAttempt.SUCCEEDED;
                delivered.computeIfAbsent(k.organizationId(), o -> new ArrayList<>()).add(k);
            } else {
                Instant queuedAt = queue.queuedAt(k);
                if (queuedAt == null) {
                    a.outcome = WebhookAttempt.FAILED; // the claim was lost (lease over): its new owner retries it
                } else if (!now.isBefore(queuedAt.plus(config.retryWindow()))) {
                    a.outcome = WebhookAttempt.GAVE_UP;
                    queue.complete(k);
                } else {
                    a.outcome = WebhookAttempt.FAILED;
                    a.nextAttemptAt = now.plus(RetrySchedule.after(a.attempt));
                    queue.retry(k, a.attempt, a.nextAttemptAt);
                }
                failing(k, now);
            }
            attempts.computeIfAbsent(a.organizationId, o -> new ArrayList<>()).add(a);
            outcomes.add(a.outcome);
        }
        delivered.forEach((organizationId, claims) -> {
            queue.completeAll(organizationId, claims);
            em.createNativeQuery("UPDATE webhook_endpoints SET failing_since = NULL WHERE organization_id = ?1 "
                    + "AND id = ANY(CAST(?2 AS uuid[])) AND failing_since IS NOT NULL").setParameter(1, organizationId)
                    .setParameter(2, claims.stream().map(DeliveryQueue.Claim::endpointId).distinct().toArray(UUID[]::new))
                    .executeUpdate();
        });
        attempts.forEach(this::insert);
        return outcomes;
    }

    /** Writes attempts of one organization to the delivery log, in one statement. */
    private void insert(UUID organizationId, List<WebhookAttempt> rows) {
        em.createNativeQuery("""
                INSERT INTO webhook_attempts (organization_id, id, endpoint_id, delivery_id, event_id, event_type, attempt,
                                              attempted_at, outcome, status_code, error, duration_ms, next_attempt_at)
                SELECT ?1, a.* FROM unnest(CAST(?2 AS uuid[]), CAST(?3 AS uuid[]), CAST(?4 AS uuid[]), CAST(?5 AS uuid[]),
                       CAST(?6 AS text[]), CAST(?7 AS int[]), CAST(?8 AS timestamptz[]), CAST(?9 AS text[]),
                       CAST(?10 AS int[]), CAST(?11 AS text[]), CAST(?12 AS int[]), CAST(?13 AS timestamptz[])) AS a""")
                .setParameter(1, organizationId)
                .setParameter(2, rows.stream().map(a -> a.id).toArray(UUID[]::new))
                .setParameter(3, rows.stream().map(a -> a.endpointId).toArray(UUID[]::new))
                .setParameter(4, rows.stream().map(a -> a.deliveryId).toArray(UUID[]::new))
                .setParameter(5, rows.stream().map(a -> a.eventId).toArray(UUID[]::new))
                .setParameter(6, rows.stream().map(a -> a.eventType).toArray(String[]::new))
                .setParameter(7, rows.stream().map(a -> a.attempt).toArray(Integer[]::new))
                .setParameter(8, rows.stream().map(a -> a.attemptedAt.toString()).toArray(String[]::new))
                .setParameter(9, rows.stream().map(a -> a.outcome).toArray(String[]::new))
                .setParameter(10, rows.stream().map(a -> a.statusCode).toArray(Integer[]::new))
                .setParameter(11, rows.stream().map(a -> a.error).toArray(String[]::new))
                .setParameter(12, rows.stream().map(a -> a.durationMs).toArray(Integer[]::new))
                .setParameter(13, rows.stream().map(a -> a.nextAttemptAt == null ? null : a.nextAttemptAt.toString())
                        .toArray(String[]::new))
                .executeUpdate();
    }

    private void failing(DeliveryQueue.Claim k, Instant now) {
        int started = em.createNativeQuery("UPDATE webhook_endpoints SET failing_since = ?3 WHERE organization_id = ?1 "
                + "AND id = ?2 AND failing_since IS NULL").setParameter(1, k.organizationId())
                .setParameter(2, k.endpointId()).setParameter(3, now).executeUpdate();
        if (started > 0) {
            return;
        }
        Instant limit = now.minus(config.retryWindow());
        List<?> due = em.createNativeQuery("SELECT 1 FROM webhook_endpoints WHERE organization_id = ?1 AND id = ?2 "
                + "AND NOT disabled AND failing_since <= ?3").setParameter(1, k.organizationId())
                .setParameter(2, k.endpointId()).setParameter(3, limit).getResultList();
        if (due.isEmpty()) {
            return;
        }
        WebhookEndpoint e = WebhookEndpoint.<WebhookEndpoint>find("organizationId = ?1 and id = ?2", k.organizationId(),
                k.endpointId()).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (e == null || e.disabled || e.failingSince == null || e.failingSince.isAfter(limit)) {
            return;
        }
        String since = e.failingSince.toString();
        e.disabled = true;
        e.disabledReason = WebhookEndpoint.DISABLED_FAILING;
        e.touch(now);
        queue.dropAll(e.organizationId, e.id);
        events.record(e.organizationId, null, now, null, new WebhookEvents.Disabled(e, since));
        LOG.warnf("webhook endpoint %s of organization %s disabled: every attempt failed since %s", e.id,
                e.organizationId, since);
    }

    // --- requests ------------------------------------------------------------------------------------

    /** The endpoint's delivery log, newest attempt first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ListEnvelope<WebhookAttempt> attempts(UUID endpointId, PageRequest page) {
        WebhookEndpoint e = endpoints.find(caller.organizationId(), endpointId, false);
        List<WebhookAttempt> rows = KeysetQuery.over("webhook_attempts", "attempted_at", e.organizationId)
                .and("endpoint_id = :endpoint", "endpoint", e.id).fetch(em, WebhookAttempt.class, page);
        return Page.of(rows, page, attemptsQuery(endpointId), x -> x.attemptedAt, x -> x.id);
    }

    public static String attemptsQuery(UUID endpointId) {
        return "webhook_attempts|" + endpointId;
    }

    /** What a retry or replay queued. */
    public record Queued(int deliveries, UUID deliveryId, UUID eventId, Instant from, Instant to, Instant nextFrom) {
    }

    /** Sends one delivery again, now: known by its attempts (or still queued). */
    @Transactional
    public Queued retry(UUID endpointId, UUID deliveryId) {
        WebhookEndpoint e = enabled(endpointId);
        List<?> rows = em.createNativeQuery("SELECT event_id FROM webhook_attempts WHERE organization_id = ?1 "
                + "AND endpoint_id = ?2 AND delivery_id = ?3 LIMIT 1").setParameter(1, e.organizationId)
                .setParameter(2, e.id).setParameter(3, deliveryId).getResultList();
        if (rows.isEmpty()) {
            rows = em.createNativeQuery("SELECT event_id FROM webhook_deliveries WHERE organization_id = ?1 "
                    + "AND endpoint_id = ?2 AND id = ?3").setParameter(1, e.organizationId).setParameter(2, e.id)
                    .setParameter(3, deliveryId).getResultList();
        }
        if (rows.isEmpty()) {
            throw new DomainException(ErrorCode.WEBHOOK_DELIVERY_NOT_FOUND, "no delivery " + deliveryId
                    + " of webhook endpoint " + endpointId);
        }
        UUID eventId = (UUID) rows.get(0);
        queue.retryNow(e.organizationId, deliveryId, e.id, eventId);
        return new Queued(1, deliveryId, eventId, null, null, null);
    }

    /** Sends the events of {@code [from, to)} again, that the endpoint wants, up to {@link #MAX_REPLAY} of them. */
    @Transactional
    public Queued replay(UUID endpointId, Instant from, Instant to) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw ValidationFailed.of(from == null ? "from" : "to",
                    from == null || to == null ? "is required (an RFC 3339 timestamp)" : "must be after from");
        }
        for (Instant t : new Instant[] { from, to }) {
            if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
                throw ValidationFailed.of(t == from ? "from" : "to", "must be between " + EARLIEST + " and " + LATEST);
            }
        }
        WebhookEndpoint e = enabled(endpointId);
        Instant end = to;
        Instant nextFrom = null;
        String types = e.enabledEvents.contains("*") ? "" : " AND type IN (:types)";
        var boundary = em.createNativeQuery("SELECT occurred_at FROM events WHERE organization_id = :org "
                + "AND occurred_at >= :from AND occurred_at < :to" + types
                + " ORDER BY occurred_at OFFSET :skip LIMIT 1", Instant.class)
                .setParameter("org", e.organizationId).setParameter("from", from).setParameter("to", to)
                .setParameter("skip", MAX_REPLAY);
        if (!types.isEmpty()) {
            boundary.setParameter("types", e.enabledEvents);
        }
        List<?> past = boundary.getResultList();
        if (!past.isEmpty()) {
            end = (Instant) past.get(0);
            nextFrom = end;
        }
        int n = end.isAfter(from) ? queue.replay(e, from, end) : 0;
        return new Queued(n, null, null, from, end, nextFrom);
    }

    private WebhookEndpoint enabled(UUID endpointId) {
        WebhookEndpoint e = endpoints.find(caller.organizationId(), endpointId, false);
        if (e.disabled) {
            throw new DomainException(ErrorCode.WEBHOOK_ENDPOINT_DISABLED,
                    "the webhook endpoint is disabled: enable it first (PATCH disabled: false)");
        }
        return e;
    }
}
