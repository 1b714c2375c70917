package eu.billing.customers.tax;

import java.time.Clock;
import java.time.Duration;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerService;
import eu.billing.customers.customer.VatNumberChanged;
import eu.billing.customers.customer.VatOverrides;
import eu.billing.customers.customer.VatValidationStatus;
import eu.billing.customers.events.EventLog;
import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.problem.ValidationFailed;
import eu.billing.customers.platform.tenancy.Caller;
import eu.billing.customers.platform.tenancy.MaintenanceWindow;
import eu.billing.customers.platform.tenancy.Organization;
import eu.billing.customers.platform.validation.VatNumbers;

/**
 * The VAT validation state of customers: recording check results, manual overrides and their
 * end, and the queue of background checks. Every public method is one short transaction; VIES is
 * never called while one is open (see {@link VatChecks} and {@link VatCheckWorker}).
 *
 * <p>Lock order, everywhere: the customer row first, then its override row and its queued check.
 */
@ApplicationScoped
@Transactional
public class VatVerifications {

    private static final Logger LOG = Logger.getLogger(VatVerifications.class);

    public static final String TRIGGER_SYNC = "SYNC";
    public static final String TRIGGER_AUTO = "AUTO";
    public static final String TRIGGER_RECHECK = "RECHECK";
    public static final String TRIGGER_OPERATOR = "OPERATOR";

    private static final String ENQUEUE = """
            INSERT INTO vat_checks (organization_id, customer_id, vat_number, trigger, attempts, due_at, claim_id, created_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7)
            ON CONFLICT (organization_id, customer_id) DO UPDATE SET vat_number = excluded.vat_number,
                trigger = excluded.trigger, attempts = excluded.attempts, due_at = excluded.due_at,
                claim_id = NULL, created_at = excluded.created_at""";

    private final EntityManager em;
    private final Caller caller;
    private final EventLog events;
    private final Clock clock;
    private final CustomerService customers;
    private final VatConfig config;
    private final Event<CheckQueued> queued;

    public VatVerifications(EntityManager em, Caller caller, EventLog events, Clock clock, CustomerService customers,
            VatConfig config, Event<CheckQueued> queued) {
        this.em = em;
        this.caller = caller;
        this.events = events;
        this.clock = clock;
        this.customers = customers;
        this.config = config;
        this.queued = queued;
    }

    /** What a check needs to call VIES: the number, split, and the organization's requester number. */
    public record Prepared(UUID organizationId, UUID customerId, VatNumbers.Parsed number, String requesterCountry,
            String requesterNumber) {
    }

    // --- synchronous check (POST /v1/customers/{id}/vat-verification) ---------------------------

    /** Refusals of a synchronous check, in the order the issue names them; else what to check. */
    public Prepared prepareSync(UUID customerId) {
        UUID org = caller.organizationId();
        Customer c = customers.find(org, customerId, false);
        Organization o = organization(org);
        if (!o.vatValidationEnabled) {
            throw new DomainException(ErrorCode.VAT_VALIDATION_DISABLED,
                    "VAT validation is switched off for this organization (vat_validation_enabled in "
                            + "/v1/organization/settings)");
        }
        if (c.vatValidationDisabled) {
            throw new DomainException(ErrorCode.VAT_VALIDATION_OPTED_OUT,
                    "VAT validation is disabled for this customer (vat_validation_disabled)");
        }
        Instant now = Clocks.now(clock);
        Optional<Instant> closes = MaintenanceWindow.openUntil(o.viesMaintenanceWindows, now);
        if (closes.isPresent()) {
            long seconds = Math.max(1, Duration.between(now, closes.get()).toSeconds()
                    + (Duration.between(now, closes.get()).toNanosPart() > 0 ? 1 : 0));
            throw new ViesMaintenanceWindowOpen(closes.get(), seconds);
        }
        if (c.vatNumber == null) {
            throw new DomainException(ErrorCode.VAT_NUMBER_MISSING, "the customer has no vat_number to check");
        }
        return prepared(o, c);
    }

    /** Records the answer of a synchronous check and answers the customer. */
    public Customer completeSync(Prepared p, String source, ViesAnswer answer) {
        Customer c = customers.find(p.organizationId(), p.customerId(), true);
        if (!Objects.equals(c.vatNumber, p.number().normalized())) {
            return c; // the number changed while VIES answered: that answer is about another number
        }
        Instant now = Clocks.now(clock);
        record(c, p.number(), source, answer, TRIGGER_SYNC, now);
        if (answer.result() == VatValidationStatus.UNAVAILABLE && !VatOverrides.inForce(c, now)) {
            enqueue(c, TRIGGER_RECHECK, 1, now.plus(backoff(1)), now);
        } else {
            dequeue(c);
        }
        return c;
    }

    // --- manual overrides -------------------------------------------------------------------------

    /**
     * Sets (or replaces) the manual override until {@code now + ttl} (an ISO-8601 duration) or
     * {@code expiresAt}: exactly one of them, at most the organization's manual_override_max_ttl.
     */
    public Customer setOverride(UUID customerId, String reason, String ttl, Instant requestedExpiry) {
        UUID org = caller.organizationId();
        Customer c = customers.find(org, customerId, true);
        Instant now = Clocks.now(clock);
        Instant expiresAt = expiry(ttl, requestedExpiry, maxOverrideTtl(), now);
        if (c.vatNumber == null) {
            throw new DomainException(ErrorCode.VAT_NUMBER_MISSING, "the customer has no vat_number to override");
        }
        endExpiredOverride(c, now);
        String from = c.vatValidationStatus;
        VatVerification replaced = activeOverride(c);
        if (replaced != null) {
            end(replaced, "REPLACED", now);
            em.flush(); // the one-active-override index sees the old row ended before the new one
        }
        VatNumbers.Parsed parsed = VatNumbers.parse(c.vatNumber);
        VatVerification row = newRow(c, parsed, VatVerification.SOURCE_MANUAL, VatValidationStatus.MANUAL.name(),
                TRIGGER_OPERATOR, now);
        row.reason = reason;
        row.expiresAt = expiresAt;
        row.state = VatVerification.STATE_ACTIVE;
        row.persist();
        c.vatOverrideExpiresAt = expiresAt;
        dequeue(c);
        c.vatValidationStatus = VatValidationStatus.MANUAL.name();
        touch(c, now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("verification_id", row.id);
        data.put("vat_number", c.vatNumber);
        data.put("expires_at", expiresAt.toString());
        data.put("replaced_verification_id", replaced == null ? null : replaced.id);
        events.record(EventLog.CUSTOMER_VAT_OVERRIDE_SET, c.organizationId, c.id, now, reason, data);
        if (!from.equals(c.vatValidationStatus)) {
            validationChanged(c, from, VatVerification.SOURCE_MANUAL, null, reason, now);
        }
        return c;
    }

    /** Ends the override in force; without one, answers the customer and writes nothing. */
    public Customer clearOverride(UUID customerId) {
        UUID org = caller.organizationId();
        Customer c = customers.find(org, customerId, true);
        Instant now = Clocks.now(clock);
        if (!VatOverrides.inForce(c, now)) {
            return c;
        }
        VatVerification row = activeOverride(c);
        if (row != null) {
            end(row, "CLEARED", now);
        }
        c.vatOverrideExpiresAt = null;
        String from = c.vatValidationStatus;
        c.vatValidationStatus = VatValidationStatus.UNVALIDATED.name();
        touch(c, now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("verification_id", row == null ? null : row.id);
        data.put("vat_number", c.vatNumber);
        events.record(EventLog.CUSTOMER_VAT_OVERRIDE_CLEARED, c.organizationId, c.id, now, null, data);
        validationChanged(c, from, VatVerification.SOURCE_MANUAL, null, null, now);
        return c;
    }

    /** The organization's longest allowed override. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Duration maxOverrideTtl() {
        Organization o = organization(caller.organizationId());
        return o.manualOverrideMaxTtl == null ? config.defaultOverrideMaxTtl() : Duration.parse(o.manualOverrideMaxTtl);
    }

    // --- the automatic check after a create or update ---------------------------------------------

    /** In the customer's transaction: ends an override of the old number and queues the check. */
    void onVatNumberChanged(@Observes VatNumberChanged changed) {
        Customer c = changed.customer();
        Instant now = Clocks.now(clock);
        if (c.vatOverrideExpiresAt != null) {
            VatVerification row = activeOverride(c);
            if (row != null) {
                end(row, "VAT_NUMBER_CHANGED", now);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("verification_id", row.id);
                data.put("vat_number", row.vatNumber);
                events.record(EventLog.CUSTOMER_VAT_OVERRIDE_CLEARED, c.organizationId, c.id, now,
                        "the VAT number changed", data);
            }
            c.vatOverrideExpiresAt = null;
        }
        if (c.vatNumber != null && !Boolean.FALSE.equals(changed.autoValidateVat())
                && eligible(organization(c.organizationId), c)) {
            c.vatValidationStatus = VatValidationStatus.PENDING.name();
            enqueue(c, TRIGGER_AUTO, 0, now, now);
        } else {
            dequeue(c);
        }
    }

    // --- the queue of background checks -----------------------------------------------------------

    /** A queued check claimed by one worker. */
    public record Claim(UUID organizationId, UUID customerId, String vatNumber, String trigger, int attempts,
            UUID claimId) {
    }

    /** What to do with a claimed check. */
    public sealed interface Next permits Call, Done {
    }

    public record Call(Prepared prepared) implements Next {
    }

    public record Done() implements Next {
    }

    /**
     * Organizations that have checks due: a read-only scan over all organizations, without locks
     * (on Citus a fan-out query); the claims themselves are then made per organization.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> organizationsWithDueChecks() {
        return em.createNativeQuery("""
                /* fan-out: read-only, no locks */ SELECT DISTINCT organization_id FROM vat_checks
                WHERE due_at <= :now""", UUID.class).setParameter("now", Clocks.now(clock)).getResultList();
    }

    /**
     * Claims up to {@code limit} due checks of one organization (all of one customer when
     * {@code customerId} is given), with FOR UPDATE SKIP LOCKED and a lease, in one statement that
     * names the organization, so that on Citus it stays on one shard.
     */
    @SuppressWarnings("unchecked")
    public List<Claim> claim(UUID organizationId, UUID customerId, int limit) {
        Instant now = Clocks.now(clock);
        UUID claimId = Ids.newId();
        String filter = customerId == null ? "" : "AND customer_id = :customer ";
        var query = em.createNativeQuery("""
                UPDATE vat_checks q SET claim_id = :claim, due_at = :lease
                FROM (SELECT organization_id, customer_id FROM vat_checks
                      WHERE organization_id = :org %s AND due_at <= :now
                      ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED) d
                WHERE q.organization_id = :org AND q.organization_id = d.organization_id
                  AND q.customer_id = d.customer_id
                RETURNING q.organization_id, q.customer_id, q.vat_number, q.trigger, q.attempts""".formatted(filter))
                .setParameter("claim", claimId).setParameter("lease", now.plus(config.checkLease()))
                .setParameter("now", now).setParameter("limit", limit).setParameter("org", organizationId);
        if (customerId != null) {
            query.setParameter("customer", customerId);
        }
        return ((List<Object[]>) query.getResultList()).stream()
                .map(r -> new Claim((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                        ((Number) r[4]).intValue(), claimId))
                .toList();
    }

    /** Decides whether a claimed check still has to call VIES; drops or postpones it otherwise. */
    @ActivateRequestContext
    public Next prepareQueued(Claim k) {
        Customer c = customers.find(k.organizationId(), k.customerId(), true);
        Organization o = organization(k.organizationId());
        Instant now = Clocks.now(clock);
        if (!Objects.equals(c.vatNumber, k.vatNumber())) {
            return done(k); // the number changed: its own check is queued (or none is due)
        }
        if (!c.status.live() || !eligible(o, c) || VatOverrides.inForce(c, now)) {
            if (VatValidationStatus.PENDING.name().equals(c.vatValidationStatus) && !VatOverrides.inForce(c, now)) {
                // no check will come: do not leave the customer waiting for one
                String from = c.vatValidationStatus;
                c.vatValidationStatus = VatValidationStatus.UNVALIDATED.name();
                touch(c, now);
                validationChanged(c, from, null, null, "the queued check was dropped: the customer is no "
                        + "longer eligible for VAT validation", now);
            }
            return done(k);
        }
        Optional<Instant> closes = MaintenanceWindow.openUntil(o.viesMaintenanceWindows, now);
        if (closes.isPresent()) {
            em.createNativeQuery("UPDATE vat_checks SET due_at = ?1, claim_id = NULL WHERE organization_id = ?2 "
                    + "AND customer_id = ?3 AND claim_id = ?4")
                    .setParameter(1, closes.get()).setParameter(2, k.organizationId()).setParameter(3, k.customerId())
                    .setParameter(4, k.claimId()).executeUpdate();
            return new Done();
        }
        return new Call(prepared(o, c));
    }

    /** Records the answer of a claimed check, then reschedules it (UNAVAILABLE) or removes it. */
    @ActivateRequestContext
    public void completeQueued(Claim k, String source, ViesAnswer answer) {
        Customer c = customers.find(k.organizationId(), k.customerId(), true);
        boolean held = !em.createNativeQuery("SELECT 1 FROM vat_checks WHERE organization_id = ?1 "
                + "AND customer_id = ?2 AND claim_id = ?3 FOR UPDATE")
                .setParameter(1, k.organizationId()).setParameter(2, k.customerId()).setParameter(3, k.claimId())
                .getResultList().isEmpty();
        if (!held || !Objects.equals(c.vatNumber, k.vatNumber())) {
            LOG.debugf("check of customer %s superseded while VIES answered; answer dropped", k.customerId());
            return;
        }
        Instant now = Clocks.now(clock);
        String trigger = TRIGGER_AUTO.equals(k.trigger()) ? TRIGGER_AUTO : TRIGGER_RECHECK;
        record(c, VatNumbers.parse(c.vatNumber), source, answer, trigger, now);
        if (answer.result() == VatValidationStatus.UNAVAILABLE && !VatOverrides.inForce(c, now)) {
            int attempts = k.attempts() + 1;
            em.createNativeQuery("UPDATE vat_checks SET attempts = ?1, due_at = ?2, trigger = ?3, claim_id = NULL "
                    + "WHERE organization_id = ?4 AND customer_id = ?5")
                    .setParameter(1, attempts).setParameter(2, now.plus(backoff(attempts)))
                    .setParameter(3, TRIGGER_RECHECK).setParameter(4, k.organizationId())
                    .setParameter(5, k.customerId()).executeUpdate();
        } else {
            dequeue(c);
        }
    }

    // --- demotion of expired overrides ------------------------------------------------------------

    /** Organizations with an expired override still in force: a read-only scan without locks. */
    @SuppressWarnings("unchecked")
    public List<UUID> organizationsWithExpiredOverrides() {
        return em.createNativeQuery("""
                /* fan-out: read-only, no locks */ SELECT DISTINCT organization_id FROM vat_verifications
                WHERE state = 'ACTIVE' AND expires_at <= :now""", UUID.class)
                .setParameter("now", Clocks.now(clock)).getResultList();
    }

    /**
     * Demotes up to {@code limit} expired overrides in this transaction. Rows another run holds are
     * skipped (FOR UPDATE ... SKIP LOCKED on the override and its customer), and a demoted row is
     * no longer ACTIVE, so each override is demoted exactly once however many runs race.
     */
    @ActivateRequestContext
    @SuppressWarnings("unchecked")
    public int demoteBatch(UUID organizationId, int limit) {
        Instant now = Clocks.now(clock);
        List<Object[]> due = em.createNativeQuery("""
                SELECT v.organization_id, v.id, v.customer_id FROM vat_verifications v
                JOIN customers c ON c.organization_id = v.organization_id AND c.id = v.customer_id
                WHERE v.organization_id = :org AND v.state = 'ACTIVE' AND v.expires_at <= :now
                ORDER BY v.expires_at LIMIT :limit
                FOR UPDATE OF v, c SKIP LOCKED""")
                .setParameter("org", organizationId).setParameter("now", now).setParameter("limit", limit)
                .getResultList();
        int demoted = 0;
        for (Object[] r : due) {
            VatVerification row = VatVerification.<VatVerification> find("organizationId = ?1 and id = ?2",
                    r[0], r[1]).firstResult();
            Customer c = customers.find((UUID) r[0], (UUID) r[2], false);
            if (row == null || !VatVerification.STATE_ACTIVE.equals(row.state) || row.expiresAt.isAfter(now)) {
                continue;
            }
            demote(c, row, now);
            demoted++;
        }
        return demoted;
    }

    // ---------------------------------------------------------------------------------------------

    private static Instant expiry(String ttl, Instant requested, Duration max, Instant now) {
        if ((ttl == null) == (requested == null)) {
            throw ValidationFailed.of("ttl", "give exactly one of ttl (an ISO-8601 duration such as P30D) and expires_at");
        }
        String field = ttl != null ? "ttl" : "expires_at";
        Instant expiresAt = requested == null ? null : requested.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (ttl != null) {
            expiresAt = plus(now, ttl);
        }
        if (!expiresAt.isAfter(now)) {
            throw ValidationFailed.of(field, "must lie in the future");
        }
        if (expiresAt.isAfter(now.plus(max))) {
            throw ValidationFailed.of(field, "must be at most the organization's manual_override_max_ttl (" + max + ")");
        }
        return expiresAt;
    }

    private static Instant plus(Instant now, String ttl) {
        try {
            return now.plus(Duration.parse(ttl));
        } catch (DateTimeParseException e) {
            try {
                return now.atOffset(ZoneOffset.UTC).plus(Period.parse(ttl)).toInstant();
            } catch (DateTimeException | ArithmeticException e2) {
                throw ValidationFailed.of("ttl", "must be an ISO-8601 duration such as P30D or PT12H");
            }
        } catch (ArithmeticException e) {
            throw ValidationFailed.of("ttl", "is too long");
        }
    }

    /** Inline demotion, for paths that touch a customer whose override expired before the job ran. */
    private void endExpiredOverride(Customer c, Instant now) {
        if (c.vatOverrideExpiresAt != null && !c.vatOverrideExpiresAt.isAfter(now)) {
            VatVerification row = activeOverride(c);
            if (row != null) {
                demote(c, row, now);
            } else {
                c.vatOverrideExpiresAt = null;
            }
        }
    }

    private void demote(Customer c, VatVerification row, Instant now) {
        end(row, "EXPIRED", now);
        c.vatOverrideExpiresAt = null;
        String from = c.vatValidationStatus;
        c.vatValidationStatus = VatValidationStatus.PENDING.name();
        touch(c, now);
        boolean recheck = c.vatNumber != null && c.status.live() && eligible(organization(c.organizationId), c);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("verification_id", row.id);
        data.put("vat_number", row.vatNumber);
        data.put("expired_at", row.expiresAt.toString());
        data.put("recheck_queued", recheck);
        events.record(EventLog.CUSTOMER_VAT_OVERRIDE_EXPIRED, c.organizationId, c.id, now, row.reason, data);
        if (!from.equals(c.vatValidationStatus)) {
            validationChanged(c, from, VatVerification.SOURCE_MANUAL, null, "the manual override expired", now);
        }
        if (recheck) {
            enqueue(c, TRIGGER_RECHECK, 0, now, now);
        }
    }

    /** Writes the history row of a check and, unless an override is in force, the new status. */
    private void record(Customer c, VatNumbers.Parsed number, String source, ViesAnswer answer, String trigger,
            Instant now) {
        endExpiredOverride(c, now);
        VatVerification row = newRow(c, number, source, answer.result().name(), trigger, now);
        row.requestIdentifier = cut(answer.requestIdentifier(), 100);
        row.viesName = cut(answer.name(), 1000);
        row.viesAddress = cut(answer.address(), 2000);
        row.viesRequestDate = cut(answer.requestDate(), 64);
        row.errorCode = cut(answer.errorCode(), 64);
        row.state = VatVerification.STATE_COMPLETED;
        if (source.equals(VatVerification.SOURCE_FORMAT)) {
            row.reason = number.problem();
        }
        row.persist();
        if (VatOverrides.inForce(c, now)) {
            return; // an operator's override stands until it ends; the check is history only
        }
        String from = c.vatValidationStatus;
        String to = answer.result().name();
        if (!from.equals(to)) {
            c.vatValidationStatus = to;
            touch(c, now);
            validationChanged(c, from, source, row.requestIdentifier, null, now);
        }
    }

    private VatVerification newRow(Customer c, VatNumbers.Parsed number, String source, String result,
            String trigger, Instant now) {
        VatVerification row = new VatVerification();
        row.id = Ids.newId();
        row.organizationId = c.organizationId;
        row.customerId = c.id;
        row.source = source;
        row.result = result;
        row.trigger = trigger;
        row.vatNumber = c.vatNumber;
        row.countryCode = number.country();
        row.createdAt = now;
        if (caller.apiKeyId() != null) {
            row.actorType = "api_key";
            row.actorApiKeyId = caller.apiKeyId();
        } else {
            row.actorType = caller.admin() ? "admin" : "system";
        }
        row.actorLabel = caller.actorLabel();
        return row;
    }

    private void validationChanged(Customer c, String from, String source, String requestIdentifier, String reason,
            Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", from);
        data.put("to", c.vatValidationStatus);
        data.put("source", source);
        data.put("request_identifier", requestIdentifier);
        data.put("vat_number", c.vatNumber);
        events.record(EventLog.CUSTOMER_VAT_VALIDATION_CHANGED, c.organizationId, c.id, now, reason, data);
    }

    private VatVerification activeOverride(Customer c) {
        return VatVerification.<VatVerification> find("organizationId = ?1 and customerId = ?2 and state = ?3",
                c.organizationId, c.id, VatVerification.STATE_ACTIVE)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    private static void end(VatVerification row, String why, Instant now) {
        row.state = VatVerification.STATE_PENDING;
        row.endedAt = now;
        row.endedReason = why;
    }

    private void enqueue(Customer c, String trigger, int attempts, Instant due, Instant now) {
        em.flush(); // a customer created in this transaction must exist before its queued check
        em.createNativeQuery(ENQUEUE)
                .setParameter(1, c.organizationId).setParameter(2, c.id).setParameter(3, c.vatNumber)
                .setParameter(4, trigger).setParameter(5, attempts).setParameter(6, due).setParameter(7, now)
                .executeUpdate();
        if (!due.isAfter(now)) {
            queued.fire(new CheckQueued(c.organizationId, c.id));
        }
    }

    private void dequeue(Customer c) {
        em.flush();
        em.createNativeQuery("DELETE FROM vat_checks WHERE organization_id = ?1 AND customer_id = ?2")
                .setParameter(1, c.organizationId).setParameter(2, c.id).executeUpdate();
    }

    private Done done(Claim k) {
        em.createNativeQuery("DELETE FROM vat_checks WHERE organization_id = ?1 AND customer_id = ?2 AND claim_id = ?3")
                .setParameter(1, k.organizationId()).setParameter(2, k.customerId()).setParameter(3, k.claimId())
                .executeUpdate();
        return new Done();
    }

    /** Wait before recheck number {@code attempts} of an UNAVAILABLE verdict: doubling, capped. */
    Duration backoff(int attempts) {
        Duration delay = config.recheckInitialDelay();
        for (int i = 1; i < attempts && delay.compareTo(config.recheckMaxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.recheckMaxDelay()) > 0 ? config.recheckMaxDelay() : delay;
    }

    private static boolean eligible(Organization o, Customer c) {
        return o.vatValidationEnabled && !c.vatValidationDisabled;
    }

    private Prepared prepared(Organization o, Customer c) {
        String requesterCountry = null;
        String requesterNumber = null;
        if (o.requesterVatNumber != null) {
            VatNumbers.Parsed requester = VatNumbers.parse(o.requesterVatNumber);
            if (requester.wellFormed()) {
                requesterCountry = requester.country();
                requesterNumber = requester.national();
            }
        }
        return new Prepared(c.organizationId, c.id, VatNumbers.parse(c.vatNumber), requesterCountry, requesterNumber);
    }

    private static Organization organization(UUID id) {
        Organization o = Organization.findById(id);
        if (o == null) {
            throw new DomainException(ErrorCode.ORGANIZATION_NOT_FOUND, "no organization " + id);
        }
        return o;
    }

    private static void touch(Customer c, Instant now) {
        c.version++;
        c.updatedAt = now;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
