package eu.billing.customers.tax;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import eu.billing.customers.tax.register.ViesAnswer;
import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerService;
import eu.billing.customers.customer.CustomersWritten;
import eu.billing.customers.customer.VatNumberChanged;
import eu.billing.customers.customer.VatOverrides;
import eu.billing.customers.customer.VatValidationStatus;
import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.tenancy.Caller;
import eu.billing.customers.platform.tenancy.MaintenanceWindow;
import eu.billing.customers.platform.tenancy.Organization;
import eu.billing.customers.platform.validation.VatNumbers;

/**
 * VAT checks: the synchronous one, the automatic one after a write that sets or changes the
 * number, and the background ones of the {@link VatCheckQueue}; each answer recorded in the
 * history and, unless an override is in force, as the customer's verdict. Every public method is
 * one short transaction; VIES is never called while one is open (see {@link VatChecks} and
 * {@link VatCheckWorker}). A check that asks a register takes the number's lease
 * ({@link TaxIdLeases}) in the transaction before the call and ends it in the one that records the
 * answer, as the checks of tax_ids do: one register call per identifier at a time, across replicas.
 *
 * <p>Lock order, everywhere: the customer row first, then its override row and its queued check.
 */
@ApplicationScoped
@Transactional
public class VatVerifications {

    private static final Logger LOG = Logger.getLogger(VatVerifications.class);

    public static final String TRIGGER_SYNC = "SYNC";

    private final Caller caller;
    private final Clock clock;
    private final CustomerService customers;
    private final VatHistory history;
    private final ManualOverrides overrides;
    private final VatCheckQueue checks;
    private final Event<CustomersWritten> written;
    private final TaxIdLeases leases;

    public VatVerifications(Caller caller, Clock clock, CustomerService customers, VatHistory history,
            ManualOverrides overrides, VatCheckQueue checks, Event<CustomersWritten> written, TaxIdLeases leases) {
        this.caller = caller;
        this.clock = clock;
        this.customers = customers;
        this.history = history;
        this.overrides = overrides;
        this.checks = checks;
        this.written = written;
        this.leases = leases;
    }

    /**
     * What a check needs to call VIES: the number, split, and the organization's requester number;
     * the lease it holds on the number ({@code claim}; null when no register is asked, FORMAT).
     */
    public record Prepared(UUID organizationId, UUID customerId, VatNumbers.Parsed number, String requesterCountry,
            String requesterNumber, String requesterGbVatNumber, String leased, UUID claim) {
    }

    // --- synchronous check (POST /v1/customers/{id}/vat-verification) ---------------------------

    /**
     * Refusals of a synchronous check, in the order the issue names them, then the number's lease
     * (409 TAX_ID_VERIFICATION_IN_PROGRESS while another check asks the register); else what to check.
     */
    public Prepared prepareSync(UUID customerId) {
        UUID org = caller.organizationId();
        Customer c = customers.find(org, customerId, false);
        Organization o = VatHistory.organization(org);
        if (!o.vatValidationEnabled) {
            throw new DomainException(ErrorCode.VAT_VALIDATION_DISABLED,
                    "VAT validation is switched off for this organization (vat_validation_enabled in "
                            + "/v1/organization/settings)");
        }
        if (c.vatValidationDisabled) {
            throw new DomainException(ErrorCode.VAT_VALIDATION_OPTED_OUT,
                    "VAT validation is disabled for this customer (vat_validation_disabled)");
        }
        if (c.vatNumber != null && o.providerDisabled(VatChecks.provider(c.vatNumber))) {
            throw new DomainException(ErrorCode.TAX_ID_PROVIDER_DISABLED, VatChecks.provider(c.vatNumber)
                    + " is switched off for this organization (disabled_verification_providers in /v1/organization/settings)");
        }
        Instant now = Clocks.now(clock);
        Optional<Instant> closes = VatChecks.viesChecks(c.vatNumber)
                ? MaintenanceWindow.openUntil(o.viesMaintenanceWindows, now) : Optional.empty();
        if (closes.isPresent()) {
            long seconds = Math.max(1, Duration.between(now, closes.get()).toSeconds()
                    + (Duration.between(now, closes.get()).toNanosPart() > 0 ? 1 : 0));
            throw new ViesMaintenanceWindowOpen(closes.get(), seconds);
        }
        if (c.vatNumber == null) {
            throw new DomainException(ErrorCode.VAT_NUMBER_MISSING, "the customer has no vat_number to check");
        }
        VatNumbers.Parsed number = VatNumbers.parse(c.vatNumber);
        UUID claim = null;
        if (VatChecks.callsRegister(number)) {
            claim = leases.take(org, customerId, TaxIdLeases.primary(c.vatNumber)).orElseThrow(
                    () -> new DomainException(ErrorCode.TAX_ID_VERIFICATION_IN_PROGRESS,
                            "this VAT number is being verified right now; retry in a moment"));
        }
        return prepared(o, c, claim);
    }

    /** Records the answer of a synchronous check, ends its lease, and answers the customer. */
    public Customer completeSync(Prepared p, String source, ViesAnswer answer) {
        Customer c = customers.find(p.organizationId(), p.customerId(), true);
        release(p);
        if (!Objects.equals(c.vatNumber, p.number().normalized())) {
            return c; // the number changed while VIES answered: that answer is about another number
        }
        Instant now = Clocks.now(clock);
        record(c, p.number(), source, answer, TRIGGER_SYNC, now);
        if (answer.result() == VatValidationStatus.UNAVAILABLE && !VatOverrides.inForce(c, now)) {
            checks.queue(c, VatCheckQueue.TRIGGER_RECHECK, 1, now.plus(checks.backoff(1)), now);
        } else {
            checks.drop(c);
        }
        written.fire(CustomersWritten.INSTANCE);
        return c;
    }

    // --- the automatic check after a write of the number -----------------------------------------

    /** In the customer's transaction: ends an override of the old number and queues the check. */
    void onVatNumberChanged(@Observes VatNumberChanged changed) {
        Customer c = changed.customer();
        Instant now = Clocks.now(clock);
        overrides.endForNewNumber(c, now);
        if (c.vatNumber != null && !Boolean.FALSE.equals(changed.autoValidateVat())
                && VatHistory.eligible(VatHistory.organization(c.organizationId), c)) {
            customers.setVatValidation(c, VatValidationStatus.PENDING, c.vatOverrideExpiresAt);
            checks.queue(c, VatCheckQueue.TRIGGER_AUTO, 0, now, now);
        } else {
            checks.drop(c);
        }
    }

    // --- the queue of background checks -----------------------------------------------------------

    /** What to do with a claimed check. */
    public sealed interface Next permits Call, Done {
    }

    public record Call(Prepared prepared) implements Next {
    }

    public record Done() implements Next {
    }

    /** Decides whether a claimed check still has to call VIES; drops or postpones it otherwise. */
    @ActivateRequestContext
    public Next prepareQueued(VatCheckQueue.Claim k) {
        Next next = decide(k);
        written.fire(CustomersWritten.INSTANCE); // a dropped check may have ended a PENDING verdict
        return next;
    }

    private Next decide(VatCheckQueue.Claim k) {
        Customer c = customers.find(k.organizationId(), k.customerId(), true);
        Organization o = VatHistory.organization(k.organizationId());
        Instant now = Clocks.now(clock);
        if (!Objects.equals(c.vatNumber, k.vatNumber())) {
            checks.complete(k); // the number changed: its own check is queued (or none is due)
            return new Done();
        }
        if (!c.status.live() || !VatHistory.eligible(o, c) || VatOverrides.inForce(c, now)) {
            if (VatValidationStatus.PENDING.name().equals(c.vatValidationStatus) && !VatOverrides.inForce(c, now)) {
                // no check will come: do not leave the customer waiting for one
                history.verdict(c, VatValidationStatus.UNVALIDATED, c.vatOverrideExpiresAt, null, null,
                        "the queued check was dropped: the customer is no longer eligible for VAT validation", now);
            }
            checks.complete(k);
            return new Done();
        }
        Optional<Instant> closes = VatChecks.viesChecks(c.vatNumber)
                ? MaintenanceWindow.openUntil(o.viesMaintenanceWindows, now) : Optional.empty();
        if (closes.isPresent()) {
            checks.postpone(k, closes.get());
            return new Done();
        }
        UUID claim = null;
        if (VatChecks.callsRegister(VatNumbers.parse(c.vatNumber))) {
            Optional<UUID> taken = leases.take(k.organizationId(), k.customerId(), TaxIdLeases.primary(c.vatNumber));
            if (taken.isEmpty()) {
                checks.postpone(k, now.plus(TaxIdLeases.BUSY_RETRY)); // another check is asking the register
                return new Done();
            }
            claim = taken.get();
        }
        return new Call(prepared(o, c, claim));
    }

    /**
     * Records the answer of a claimed check, then reschedules it (UNAVAILABLE) or removes it; ends
     * the lease of {@code p}.
     */
    @ActivateRequestContext
    public void completeQueued(VatCheckQueue.Claim k, Prepared p, String source, ViesAnswer answer) {
        Customer c = customers.find(k.organizationId(), k.customerId(), true);
        release(p);
        if (!checks.holds(k) || !Objects.equals(c.vatNumber, k.vatNumber())) {
            LOG.debugf("check of customer %s superseded while VIES answered; answer dropped", k.customerId());
            return;
        }
        Instant now = Clocks.now(clock);
        String trigger = VatCheckQueue.TRIGGER_AUTO.equals(k.trigger()) ? VatCheckQueue.TRIGGER_AUTO
                : VatCheckQueue.TRIGGER_RECHECK;
        record(c, VatNumbers.parse(c.vatNumber), source, answer, trigger, now);
        if (answer.result() == VatValidationStatus.UNAVAILABLE && !VatOverrides.inForce(c, now)) {
            checks.recheckLater(k, now);
        } else {
            checks.drop(c);
        }
        written.fire(CustomersWritten.INSTANCE);
    }

    /** Ends the lease of a check (when recording its answer failed, or the call itself). */
    public void release(Prepared p) {
        if (p.claim() != null) {
            leases.release(p.organizationId(), p.customerId(), p.leased(), p.claim());
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** Writes the history row of a check and, unless an override is in force, the new verdict. */
    private void record(Customer c, VatNumbers.Parsed number, String source, ViesAnswer answer, String trigger,
            Instant now) {
        overrides.endExpired(c, now);
        VatVerification row = history.newRow(c, number, source, answer.result().name(), trigger, now);
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
        if (!c.vatValidationStatus.equals(answer.result().name())) {
            history.verdict(c, answer.result(), c.vatOverrideExpiresAt, source, row.requestIdentifier, null, now);
        }
    }

    private Prepared prepared(Organization o, Customer c, UUID claim) {
        String requesterCountry = null;
        String requesterNumber = null;
        if (o.requesterVatNumber != null) {
            VatNumbers.Parsed requester = VatNumbers.parse(o.requesterVatNumber);
            if (requester.wellFormed()) {
                requesterCountry = requester.country();
                requesterNumber = requester.national();
            }
        }
        return new Prepared(c.organizationId, c.id, VatNumbers.parse(c.vatNumber), requesterCountry, requesterNumber,
                o.requesterGbVatNumber, TaxIdLeases.primary(c.vatNumber), claim);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
