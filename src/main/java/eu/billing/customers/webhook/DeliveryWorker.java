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
 * others'. HTTP happens outside any transaction: read (one transaction), send, record (another).
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
        List<DeliveryQueue.Claim> claims = queue.claim(organizationId, Math.min(config.batchSize(), room));
        List<DeliveryQueue.Claim> full = new java.util.ArrayList<>();
        for (DeliveryQueue.Claim k : claims) {
            Lane lane = lane(k.organizationId(), k.endpointId());
            if (!lane.offer(k)) {
                full.add(k);
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
        private final Queue<DeliveryQueue.Claim> backlog = new ConcurrentLinkedQueue<>();
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

        boolean offer(DeliveryQueue.Claim k) {
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
                        List<DeliveryQueue.Claim> claims = queue.claimForEndpoint(organizationId, endpointId, room,
                                GIVEN_BACK);
                        if (claims.size() < room) {
                            hungry = false;
                        }
                        List<DeliveryQueue.Claim> full = new java.util.ArrayList<>();
                        for (DeliveryQueue.Claim k : claims) {
                            if (!offer(k)) {
                                full.add(k);
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
                DeliveryQueue.Claim k = backlog.poll();
                if (k == null) {
                    inFlight.decrementAndGet();
                    return;
                }
                queued.decrementAndGet();
                try {
                    senders.execute(() -> {
                        try {
                            deliver(k);
                        } finally {
                            held.decrementAndGet();
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

    /** One attempt: read, send (outside any transaction), record. */
    void deliver(DeliveryQueue.Claim k) {
        try {
            Deliveries.Message m = deliveries.prepare(k);
            if (m == null) {
                return;
            }
            Instant at = Clocks.now(clock);
            String id = k.eventId().toString();
            long timestamp = at.getEpochSecond();
            WebhookSender.Result result = sender.send(m.url(), m.body(), "webhook-id", id, "webhook-timestamp",
                    Long.toString(timestamp), "webhook-signature",
                    WebhookSignature.header(m.secrets(), id, timestamp, m.body()));
            latency.record(Duration.ofMillis(result.durationMillis()));
            String outcome = deliveries.record(m, result, at);
            metrics.counter("customers.webhooks.deliveries", "outcome", outcome).increment();
        } catch (RuntimeException e) {
            // the lease runs out and the scan retries it
            LOG.warnf(e, "webhook delivery %s of organization %s failed before its attempt was recorded", k.deliveryId(),
                    k.organizationId());
        }
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdownNow();
    }
}
