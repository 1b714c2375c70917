package eu.billing.customers.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.queue.OrganizationDrain;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;

/**
 * Delivers queued webhooks, on every replica: right after the transaction that queued some commits,
 * and from a periodic scan (retries, the work of a replica that died, anything missed). Claims are
 * per organization ({@link OrganizationDrain}), with FOR UPDATE SKIP LOCKED and a lease
 * ({@link DeliveryQueue}), so replicas share the queue without sending one delivery twice at a time.
 *
 * <p>Each claimed delivery goes to its endpoint's lane: at most {@code max-concurrency-per-endpoint}
 * requests in flight per endpoint, and at most {@code max-concurrency} over all endpoints (the
 * sender threads). A lane holds a bounded backlog; a delivery claimed while its lane is full is
 * given back for a second later, so a slow endpoint keeps its own deliveries waiting, not the
 * others'. HTTP happens outside any transaction: a claim reads what its deliveries send (one
 * transaction for the batch), the senders send, and one recorder thread records the attempts made,
 * many per transaction.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    static final String JOB = "webhook-deliveries";

    private final DeliveryQueue queue;
    private final Deliveries deliveries;
    private final WebhookSender sender;
    private final OrganizationDrain drain;
    private final WebhookConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final ExecutorService senders;
    private final ExecutorService dispatcher;
    private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();
    private final AtomicInteger held = new AtomicInteger();
    private final Timer latency;
    private volatile boolean stopping;
    private final java.util.concurrent.BlockingQueue<Recording> toRecord = new java.util.concurrent.LinkedBlockingQueue<>();
    private final ExecutorService recorder;
    private volatile boolean sendersStopped;

    public DeliveryWorker(DeliveryQueue queue, Deliveries deliveries, WebhookSender sender, OrganizationDrain drain,
            WebhookConfig config, Clock clock, MeterRegistry metrics) {
        this.queue = queue;
        this.deliveries = deliveries;
        this.sender = sender;
        this.drain = drain;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.senders = Executors.newFixedThreadPool(config.maxConcurrency(), daemon("webhook-send"));
        this.dispatcher = Executors.newFixedThreadPool(2, daemon("webhook-dispatch"));
        this.recorder = Executors.newSingleThreadExecutor(daemon("webhook-record"));
        this.recorder.execute(this::recordLoop);
        this.latency = Timer.builder("customers.webhooks.attempt.duration")
                .description("Duration of webhook delivery attempts, refusals and timeouts included")
                .publishPercentileHistogram().register(metrics);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts the deliveries of an event once its transaction has committed. */
    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveriesQueued queued) {
        UUID organizationId = queued.organizationId();
        if (stopping || !pending.add(organizationId)) {
            return; // a drain of this organization is already waiting to start: it will see these too
        }
        try {
            dispatcher.execute(() -> {
                pending.remove(organizationId);
                try {
                    drainOrganization(organizationId);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "webhook deliveries of organization %s: the scan retries them", organizationId);
                }
            });
        } catch (RejectedExecutionException e) {
            pending.remove(organizationId);
        }
    }

    @Scheduled(identity = JOB, every = "${customers.webhooks.deliver-every}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        runDue();
    }

    /** Claims every due delivery, organization by organization, and hands them to the lanes; answers how many. */
    public int runDue() {
        if (stopping) {
            return 0;
        }
        return drain.run(JOB, queue.organizationsWithDueDeliveries(), config.batchSize(), this::claimBatch).done();
    }

    private int drainOrganization(UUID organizationId) {
        int total = 0;
        int handled;
        do {
            handled = claimBatch(organizationId);
            total += handled;
        } while (handled == config.batchSize());
        return total;
    }

    /**
     * One claim of up to batch-size deliveries of the organization, handed to their lanes. A
     * delivery whose lane is full goes back to the queue for a moment ({@link #GIVEN_BACK}) and its
     * lane becomes hungry: it claims its own endpoint's deliveries as soon as it has room
     * ({@link Lane#refill}), so a busy endpoint drains at the pace of its lane, not of the scan.
     * Answers how many deliveries were handed over; 0 after giving some back, which ends the
     * organization's drain (the lanes take it from there).
     */
    private int claimBatch(UUID organizationId) {
        int room = backlogLimit() - held.get();
        if (room <= 0 || stopping) {
            return 0; // every lane is busy: the next scan claims more
        }
        List<Deliveries.Message> claims = deliveries.claim(organizationId, Math.min(config.batchSize(), room));
        List<DeliveryQueue.Claim> full = new java.util.ArrayList<>();
        for (Deliveries.Message m : claims) {
            Lane lane = lane(m.claim().organizationId(), m.claim().endpointId());
            if (!lane.offer(m)) {
                full.add(m.claim());
                lane.hungry = true;
            }
        }
        if (!full.isEmpty()) {
            queue.postponeAll(full, Clocks.now(clock).plus(GIVEN_BACK));
            return 0;
        }
        // a full batch drains on; a batch cut short by the backlog limit does not
        return claims.size() == config.batchSize() ? claims.size() : Math.min(claims.size(), config.batchSize() - 1);
    }

    /** How long a delivery claimed while its lane was full waits before another replica may take it. */
    static final Duration GIVEN_BACK = Duration.ofSeconds(1);

    private Lane lane(UUID organizationId, UUID endpointId) {
        return lanes.computeIfAbsent(endpointId, id -> new Lane(organizationId, endpointId));
    }

    private int backlogLimit() {
        return config.maxConcurrency() * 4;
    }

    /** One endpoint's deliveries on this replica: a bounded backlog, a bounded number in flight. */
    private final class Lane {
        private final UUID organizationId;
        private final UUID endpointId;
        private final Queue<Deliveries.Message> backlog = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final java.util.concurrent.atomic.AtomicBoolean refilling = new java.util.concurrent.atomic.AtomicBoolean();
        /** The endpoint has deliveries in the queue this lane had no room for. */
        private volatile boolean hungry;

        Lane(UUID organizationId, UUID endpointId) {
            this.organizationId = organizationId;
            this.endpointId = endpointId;
        }

        private int capacity() {
            return config.maxConcurrencyPerEndpoint() * 4;
        }

        boolean offer(Deliveries.Message k) {
            if (queued.incrementAndGet() > capacity()) {
                queued.decrementAndGet();
                return false;
            }
            held.incrementAndGet();
            backlog.add(k);
            pump();
            return true;
        }

        /**
         * Claims the endpoint's due deliveries (those given back a moment ago included) up to the
         * lane's room, when it is hungry and at most half full; on the dispatcher, one refill at a time.
         */
        void refill() {
            if (!hungry || stopping || queued.get() > capacity() / 2 || !refilling.compareAndSet(false, true)) {
                return;
            }
            try {
                dispatcher.execute(() -> {
                    try {
                        int room = Math.min(capacity() - queued.get(), backlogLimit() - held.get());
                        if (room <= 0) {
                            return; // the replica's backlog is full: the next finished delivery tries again
                        }
                        List<Deliveries.Message> claims = deliveries.claimForEndpoint(organizationId, endpointId, room,
                                GIVEN_BACK);
                        if (claims.size() < room) {
                            hungry = false;
                        }
                        List<DeliveryQueue.Claim> full = new java.util.ArrayList<>();
                        for (Deliveries.Message m : claims) {
                            if (!offer(m)) {
                                full.add(m.claim());
                            }
                        }
                        if (!full.isEmpty()) {
                            hungry = true;
                            queue.postponeAll(full, Clocks.now(clock).plus(GIVEN_BACK));
                        }
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "webhook lane of endpoint %s: the refill failed; the scan claims its deliveries",
                                endpointId);
                    } finally {
                        refilling.set(false);
                    }
                });
            } catch (RejectedExecutionException e) {
                refilling.set(false);
            }
        }

        void pump() {
            while (true) {
                int n = inFlight.get();
                if (n >= config.maxConcurrencyPerEndpoint() || backlog.isEmpty()) {
                    return;
                }
                if (!inFlight.compareAndSet(n, n + 1)) {
                    continue;
                }
                Deliveries.Message k = backlog.poll();
                if (k == null) {
                    inFlight.decrementAndGet();
                    return;
                }
                queued.decrementAndGet();
                try {
                    senders.execute(() -> {
                        boolean recording = false;
                        try {
                            recording = deliver(k, this);
                        } finally {
                            if (!recording) {
                                held.decrementAndGet();
                            }
                            inFlight.decrementAndGet();
                            pump();
                            refill();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    held.decrementAndGet();
                    inFlight.decrementAndGet();
                    return; // shutting down: the lease brings the delivery back
                }
            }
        }
    }

    /**
     * One attempt: send (outside any transaction) what was read at the claim, or read again first
     * when the claim waited in its lane longer than {@link #FRESH}; then queue the attempt for
     * {@linkplain #record recording}. Answers whether it was queued (it then still counts as held).
     */
    boolean deliver(Deliveries.Message claimed, Lane lane) {
        DeliveryQueue.Claim k = claimed.claim();
        try {
            Deliveries.Message m = claimed.fresh(Clocks.now(clock), FRESH) ? claimed : deliveries.prepare(k);
            if (m == null) {
                return false;
            }
            Instant at = Clocks.now(clock);
            String id = k.eventId().toString();
            long timestamp = at.getEpochSecond();
            WebhookSender.Result result = sender.send(m.url(), m.body(), "webhook-id", id, "webhook-timestamp",
                    Long.toString(timestamp), "webhook-signature",
                    WebhookSignature.header(m.secrets(), id, timestamp, m.body()));
            latency.record(Duration.ofMillis(result.durationMillis()));
            toRecord.add(new Recording(new Deliveries.Attempted(m, result, at), lane));
            return true;
        } catch (RuntimeException e) {
            // the lease runs out and the scan retries it
            LOG.warnf(e, "webhook delivery %s of organization %s failed before its attempt was recorded", k.deliveryId(),
                    k.organizationId());
            return false;
        }
    }

    /**
     * How long a claimed delivery may wait in its lane and still be sent as read at the claim
     * (without renewing its lease and reading its endpoint again): well within the lease.
     */
    static final Duration FRESH = Duration.ofSeconds(10);

    /** Attempts recorded per transaction at most. */
    static final int RECORD_BATCH = 200;

    private record Recording(Deliveries.Attempted attempt, Lane lane) {
    }

    /**
     * Records the attempts made, on one thread, as many as are waiting in one transaction (up to
     * {@link #RECORD_BATCH}): under load a sender does not wait for the database, and the database
     * sees one transaction for many deliveries. Runs until the senders have stopped and every
     * attempt they made is recorded.
     */
    private void recordLoop() {
        List<Recording> batch = new java.util.ArrayList<>();
        while (true) {
            Recording first;
            try {
                first = toRecord.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                if (sendersStopped) {
                    return;
                }
                continue;
            }
            batch.add(first);
            toRecord.drainTo(batch, RECORD_BATCH - 1);
            record(batch);
            batch.clear();
        }
    }

    private void record(List<Recording> batch) {
        List<String> outcomes;
        try {
            outcomes = deliveries.recordAll(batch.stream().map(Recording::attempt).toList());
        } catch (RuntimeException e) {
            // one attempt's failure must not lose the others': record them one by one
            LOG.warnf(e, "recording %d webhook attempts at once failed: recording them one by one", batch.size());
            outcomes = new java.util.ArrayList<>();
            for (Recording r : batch) {
                try {
                    outcomes.add(deliveries.record(r.attempt()));
                } catch (RuntimeException x) {
                    // the lease runs out and the scan retries it
                    DeliveryQueue.Claim k = r.attempt().message().claim();
                    LOG.warnf(x, "webhook delivery %s of organization %s: its attempt could not be recorded",
                            k.deliveryId(), k.organizationId());
                    outcomes.add(null);
                }
            }
        }
        Set<Lane> lanesDone = new java.util.HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            if (outcomes.get(i) != null) {
                metrics.counter("customers.webhooks.deliveries", "outcome", outcomes.get(i)).increment();
            }
            held.decrementAndGet();
            lanesDone.add(batch.get(i).lane());
        }
        lanesDone.forEach(Lane::refill);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        dispatcher.shutdownNow();
        senders.shutdown();
        try {
            // let attempts in flight finish and be recorded (within the shutdown timeout); the rest
            // comes back when its lease runs out
            senders.awaitTermination(config.timeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
            senders.shutdownNow();
            sendersStopped = true;
            recorder.shutdown();
            recorder.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdownNow();
        recorder.shutdownNow();
    }
}
