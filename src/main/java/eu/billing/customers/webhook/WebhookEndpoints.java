package eu.billing.customers.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import eu.billing.customers.events.EventLog;
import eu.billing.customers.events.EventTypes;
import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.audit.Snapshot;
import eu.billing.customers.platform.page.KeysetQuery;
import eu.billing.customers.platform.page.ListEnvelope;
import eu.billing.customers.platform.page.Page;
import eu.billing.customers.platform.page.PageRequest;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.problem.FieldError;
import eu.billing.customers.platform.problem.ValidationFailed;
import eu.billing.customers.platform.tenancy.Caller;

/**
 * The webhook endpoints of the caller's organization: create, read, list, update, delete and roll
 * the secret, each write with its event, versioned like customers (ETag / If-Match).
 */
@ApplicationScoped
@Transactional
public class WebhookEndpoints {

    /** Endpoints one organization may have: each event fans out to every one of them. */
    public static final int MAX_PER_ORGANIZATION = 20;
    /** The longest overlap a roll may ask for. */
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);

    private final EntityManager em;
    private final Caller caller;
    private final Clock clock;
    private final EventLog events;
    private final WebhookUrls urls;
    private final WebhookConfig config;
    private final DeliveryQueue deliveries;

    public WebhookEndpoints(EntityManager em, Caller caller, Clock clock, EventLog events, WebhookUrls urls,
            WebhookConfig config, DeliveryQueue deliveries) {
        this.em = em;
        this.caller = caller;
        this.clock = clock;
        this.events = events;
        this.urls = urls;
        this.config = config;
        this.deliveries = deliveries;
    }

    /** A new endpoint, with its first secret (answered once, by this call). */
    public WebhookEndpoint create(EndpointInput input) {
        List<FieldError> errors = new ArrayList<>();
        if (input.url() == null) {
            errors.add(new FieldError("url", "is required"));
        }
        if (input.enabledEvents() == null) {
            errors.add(new FieldError("enabled_events", "is required: a list of event types, or [\"*\"] for all"));
        }
        validate(input, errors);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        UUID organizationId = caller.organizationId();
        if (WebhookEndpoint.count("organizationId = ?1", organizationId) >= MAX_PER_ORGANIZATION) {
            throw new DomainException(ErrorCode.WEBHOOK_ENDPOINT_LIMIT_REACHED, "an organization has at most "
                    + MAX_PER_ORGANIZATION + " webhook endpoints; delete one first");
        }
        Instant now = Clocks.now(clock);
        WebhookEndpoint e = new WebhookEndpoint();
        e.id = Ids.newId();
        e.organizationId = organizationId;
        e.url = input.url();
        e.description = input.description();
        e.enabledEvents = events(input.enabledEvents());
        e.disabled = Boolean.TRUE.equals(input.disabled());
        e.disabledReason = e.disabled ? WebhookEndpoint.DISABLED_MANUALLY : null;
        e.secret = WebhookSignature.newSecret();
        e.version = 1;
        e.createdAt = now;
        e.updatedAt = now;
        e.persist();
        events.record(organizationId, null, now, null,
                new WebhookEvents.Created(e, WebhookEvents.snapshot(e).asCreated(Set.of())));
        return e;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WebhookEndpoint get(UUID id) {
        return find(caller.organizationId(), id, false);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ListEnvelope<WebhookEndpoint> list(PageRequest page) {
        List<WebhookEndpoint> rows = KeysetQuery.over("webhook_endpoints", "created_at", caller.organizationId())
                .fetch(em, WebhookEndpoint.class, page);
        return Page.of(rows, page, LIST_QUERY, e -> e.createdAt, e -> e.id);
    }

    public static final String LIST_QUERY = "webhook_endpoints";

    /** Partial update; {@code expectedVersion} comes from If-Match. */
    public WebhookEndpoint update(UUID id, EndpointInput input, Integer expectedVersion) {
        List<FieldError> errors = new ArrayList<>();
        if (input.has("url") && input.url() == null) {
            errors.add(new FieldError("url", "cannot be null"));
        }
        if (input.has("enabled_events") && input.enabledEvents() == null) {
            errors.add(new FieldError("enabled_events", "cannot be null"));
        }
        if (input.has("disabled") && input.disabled() == null) {
            errors.add(new FieldError("disabled", "cannot be null"));
        }
        validate(input, errors);
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        WebhookEndpoint e = find(caller.organizationId(), id, true);
        checkVersion(e, expectedVersion);
        Snapshot before = WebhookEvents.snapshot(e);
        if (input.has("url")) {
            e.url = input.url();
        }
        if (input.has("description")) {
            e.description = input.description();
        }
        if (input.has("enabled_events")) {
            e.enabledEvents = events(input.enabledEvents());
        }
        boolean disabling = false;
        if (input.has("disabled") && input.disabled() != e.disabled) {
            e.disabled = input.disabled();
            e.disabledReason = e.disabled ? WebhookEndpoint.DISABLED_MANUALLY : null;
            e.failingSince = null;
            disabling = e.disabled;
        }
        var changes = before.changesTo(WebhookEvents.snapshot(e), Set.of());
        if (changes.isEmpty()) {
            return e;
        }
        Instant now = Clocks.now(clock);
        e.touch(now);
        if (disabling) {
            deliveries.dropAll(e.organizationId, e.id);
        }
        events.record(e.organizationId, null, now, null, new WebhookEvents.Updated(e, changes));
        return e;
    }

    /** Deletes the endpoint; its queued deliveries and its delivery log go with it (ON DELETE CASCADE). */
    public WebhookEndpoint delete(UUID id, Integer expectedVersion) {
        WebhookEndpoint e = find(caller.organizationId(), id, true);
        checkVersion(e, expectedVersion);
        Instant now = Clocks.now(clock);
        events.record(e.organizationId, null, now, null,
                new WebhookEvents.Deleted(e, WebhookEvents.snapshot(e).fields()));
        e.delete();
        return e;
    }

    /**
     * A new secret (answered once, by this call); the current one keeps signing beside it for
     * {@code overlap} (default 24 hours; zero ends it now). A secret rolled earlier and still in its
     * overlap stops signing: two secrets at most sign a delivery.
     */
    public WebhookEndpoint rollSecret(UUID id, Duration overlap, Integer expectedVersion) {
        if (overlap != null && (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0)) {
            throw ValidationFailed.of("expires_in", "must be from 0 to " + MAX_OVERLAP.toSeconds() + " seconds");
        }
        WebhookEndpoint e = find(caller.organizationId(), id, true);
        checkVersion(e, expectedVersion);
        Instant now = Clocks.now(clock);
        Duration keep = overlap == null ? config.secretOverlap() : overlap;
        if (keep.isZero()) {
            e.previousSecret = null;
            e.previousSecretExpiresAt = null;
        } else {
            e.previousSecret = e.secret;
            e.previousSecretExpiresAt = now.plus(keep);
        }
        e.secret = WebhookSignature.newSecret();
        e.touch(now);
        events.record(e.organizationId, null, now, null, new WebhookEvents.SecretRolled(e));
        return e;
    }

    /** The organization's endpoint; {@code lock}: FOR UPDATE, for a write. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public WebhookEndpoint find(UUID organizationId, UUID id, boolean lock) {
        var query = WebhookEndpoint.<WebhookEndpoint>find("organizationId = ?1 and id = ?2", organizationId, id);
        if (lock) {
            query.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        WebhookEndpoint e = query.firstResult();
        if (e == null) {
            throw new WebhookEndpointNotFound(id);
        }
        return e;
    }

    private void validate(EndpointInput input, List<FieldError> errors) {
        if (input.url() != null) {
            String refusal = input.url().length() > 2048 ? "must be at most 2048 characters" : urls.refusal(input.url());
            if (refusal != null) {
                errors.add(new FieldError("url", refusal));
            }
        }
        if (input.enabledEvents() != null) {
            if (input.enabledEvents().isEmpty()) {
                errors.add(new FieldError("enabled_events", "must name at least one event type, or be [\"*\"]"));
            }
            for (int i = 0; i < input.enabledEvents().size(); i++) {
                String type = input.enabledEvents().get(i);
                if (type == null || (!type.equals("*") && !EventTypes.ALL.contains(type))) {
                    errors.add(new FieldError("enabled_events[" + i + "]",
                            "must be \"*\" or a known event type, such as customer.updated (see GET /v1/events)"));
                }
            }
            if (input.enabledEvents().contains("*") && input.enabledEvents().size() > 1) {
                errors.add(new FieldError("enabled_events", "\"*\" stands alone: it already means every event type"));
            }
        }
    }

    private static List<String> events(List<String> requested) {
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    private static void checkVersion(WebhookEndpoint e, Integer expected) {
        if (expected != null && expected != e.version) {
            throw new EndpointVersionConflict(expected, e.version);
        }
    }
}
