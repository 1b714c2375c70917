package eu.billing.customers.tax;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerService;
import eu.billing.customers.customer.CustomersWritten;
import eu.billing.customers.customer.VatOverrides;
import eu.billing.customers.customer.VatValidationStatus;
import eu.billing.customers.events.EventLog;
import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.problem.ValidationFailed;
import eu.billing.customers.platform.tenancy.Caller;
import eu.billing.customers.platform.tenancy.OrganizationSettings;
import eu.billing.customers.platform.validation.VatNumbers;

/**
 * Manual VAT overrides (docs/vat-validation.md): setting one with a TTL, clearing it, and their end
 * when they expire (the demotion job), when the number changes, or when something touches a
 * customer whose override expired before the job ran. Every public method is one short
 * transaction.
 *
 * <p>Lock order, everywhere: the customer row first, then its override row and its queued check.
 */
@ApplicationScoped
@Transactional
public class ManualOverrides {

    private static final String TRIGGER_OPERATOR = "OPERATOR";

    private final EntityManager em;
    private final Caller caller;
    private final EventLog events;
    private final Clock clock;
    private final CustomerService customers;
    private final OrganizationSettings settings;
    private final VatHistory history;
    private final VatCheckQueue checks;
    private final Event<CustomersWritten> written;

    public ManualOverrides(EntityManager em, Caller caller, EventLog events, Clock clock, CustomerService customers,
            OrganizationSettings settings, VatHistory history, VatCheckQueue checks, Event<CustomersWritten> written) {
        this.em = em;
        this.caller = caller;
        this.events = events;
        this.clock = clock;
        this.customers = customers;
        this.settings = settings;
        this.history = history;
        this.checks = checks;
        this.written = written;
    }

    /**
     * Sets (or replaces) the manual override until {@code now + ttl} (an ISO-8601 duration) or
     * {@code expiresAt}: exactly one of them, at most the organization's manual_override_max_ttl.
     */
    public Customer set(UUID customerId, String reason, String ttl, Instant requestedExpiry) {
        UUID org = caller.organizationId();
        Customer c = customers.find(org, customerId, true);
        Instant now = Clocks.now(clock);
        Instant expiresAt = expiry(ttl, requestedExpiry,
                settings.manualOverrideMaxTtl(VatHistory.organization(org)), now);
        if (c.vatNumber == null) {
            throw new DomainException(ErrorCode.VAT_NUMBER_MISSING, "the customer has no vat_number to override");
        }
        endExpired(c, now);
        VatVerification replaced = active(c);
        if (replaced != null) {
            end(replaced, "REPLACED", now);
            em.flush(); // the one-active-override index sees the old row ended before the new one
        }
        VatNumbers.Parsed parsed = VatNumbers.parse(c.vatNumber);
        VatVerification row = history.newRow(c, parsed, VatVerification.SOURCE_MANUAL,
                VatValidationStatus.MANUAL.name(), TRIGGER_OPERATOR, now);
        row.reason = reason;
        row.expiresAt = expiresAt;
        row.state = VatVerification.STATE_ACTIVE;
        row.persist();
        checks.drop(c);
        events.record(c.organizationId, c.id, now, reason, new VatEvents.OverrideSet(row.id, c.vatNumber, expiresAt,
                replaced == null ? null : replaced.id));
        history.verdict(c, VatValidationStatus.MANUAL, expiresAt, VatVerification.SOURCE_MANUAL, null, reason, now);
        written.fire(CustomersWritten.INSTANCE);
        return c;
    }

    /** Ends the override in force; without one, answers the customer and writes nothing. */
    public Customer clear(UUID customerId) {
        UUID org = caller.organizationId();
        Customer c = customers.find(org, customerId, true);
        Instant now = Clocks.now(clock);
        if (!VatOverrides.inForce(c, now)) {
            return c;
        }
        VatVerification row = active(c);
        if (row != null) {
            end(row, "CLEARED", now);
        }
        events.record(c.organizationId, c.id, now, null,
                new VatEvents.OverrideCleared(row == null ? null : row.id, c.vatNumber));
        history.verdict(c, VatValidationStatus.UNVALIDATED, null, VatVerification.SOURCE_MANUAL, null, null, now);
        written.fire(CustomersWritten.INSTANCE);
        return c;
    }

    // --- the end of an override ------------------------------------------------------------------

    /** Organizations with an expired override still in force: a read-only scan without locks. */
    @SuppressWarnings("unchecked")
    public List<UUID> organizationsWithExpiredOverrides() {
        return em.createNativeQuery("""
                /* fan-out: read-only, no locks */ SELECT DISTINCT organization_id FROM vat_verifications
                WHERE state = 'ACTIVE' AND expires_at <= :now""", UUID.class)
                .setParameter("now", Clocks.now(clock)).getResultList();
    }

    /**
     * Demotes up to {@code limit} expired overrides of one organization in this transaction. Rows
     * another run holds are skipped (FOR UPDATE ... SKIP LOCKED on the override and its customer),
     * and a demoted row is no longer ACTIVE, so each override is demoted exactly once however many
     * runs race.
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
        written.fire(CustomersWritten.INSTANCE);
        return demoted;
    }

    /** Inline demotion, for paths that touch a customer whose override expired before the job ran. */
    @Transactional(Transactional.TxType.MANDATORY)
    void endExpired(Customer c, Instant now) {
        if (c.vatOverrideExpiresAt != null && !c.vatOverrideExpiresAt.isAfter(now)) {
            VatVerification row = active(c);
            if (row != null) {
                demote(c, row, now);
            } else {
                customers.setVatValidation(c, VatValidationStatus.valueOf(c.vatValidationStatus), null);
            }
        }
    }

    /** The VAT number changed (in the customer's write): an override of the old number ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    void endForNewNumber(Customer c, Instant now) {
        if (c.vatOverrideExpiresAt == null) {
            return;
        }
        VatVerification row = active(c);
        if (row != null) {
            end(row, "VAT_NUMBER_CHANGED", now);
            events.record(c.organizationId, c.id, now, "the VAT number changed",
                    new VatEvents.OverrideCleared(row.id, row.vatNumber));
        }
        customers.setVatValidation(c, VatValidationStatus.valueOf(c.vatValidationStatus), null);
    }

    // ---------------------------------------------------------------------------------------------

    private void demote(Customer c, VatVerification row, Instant now) {
        end(row, "EXPIRED", now);
        boolean recheck = c.vatNumber != null && c.status.live()
                && VatHistory.eligible(VatHistory.organization(c.organizationId), c);
        events.record(c.organizationId, c.id, now, row.reason,
                new VatEvents.OverrideExpired(row.id, row.vatNumber, row.expiresAt, recheck));
        history.verdict(c, VatValidationStatus.PENDING, null, VatVerification.SOURCE_MANUAL, null,
                "the manual override expired", now);
        if (recheck) {
            checks.queue(c, VatCheckQueue.TRIGGER_RECHECK, 0, now, now);
        }
    }

    private VatVerification active(Customer c) {
        return VatVerification.<VatVerification> find("organizationId = ?1 and customerId = ?2 and state = ?3",
                c.organizationId, c.id, VatVerification.STATE_ACTIVE)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    private static void end(VatVerification row, String why, Instant now) {
        row.state = VatVerification.STATE_PENDING;
        row.endedAt = now;
        row.endedReason = why;
    }

    private static Instant expiry(String ttl, Instant requested, Duration max, Instant now) {
        if ((ttl == null) == (requested == null)) {
            throw ValidationFailed.of("ttl", "give exactly one of ttl (an ISO-8601 duration such as P30D) and expires_at");
        }
        String field = ttl != null ? "ttl" : "expires_at";
        Instant expiresAt = requested == null ? null : requested.truncatedTo(ChronoUnit.MICROS);
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
}
