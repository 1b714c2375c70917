package eu.billing.customers.tax.profile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerService;
import eu.billing.customers.customer.CustomersWritten;
import eu.billing.customers.events.EventLog;
import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.audit.Actor;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.tenancy.Caller;
import eu.billing.customers.platform.tenancy.MaintenanceWindow;
import eu.billing.customers.platform.tenancy.Organization;
import eu.billing.customers.tax.TaxIdLeases;
import eu.billing.customers.tax.VatChecks;
import eu.billing.customers.tax.VatVerification;
import eu.billing.customers.tax.ViesMaintenanceWindowOpen;
import eu.billing.customers.tax.id.TaxId;
import eu.billing.customers.tax.id.TaxIdStatus;
import eu.billing.customers.tax.id.TaxIdType;
import eu.billing.customers.tax.id.TaxIds;
import eu.billing.customers.tax.register.Requester;
import eu.billing.customers.tax.register.TaxIdVerification;

/**
 * The transactions around a verification of one identifier: the refusals and the lease before the
 * register call, the answer after it (history row, the identifier's verification, the event, a
 * recheck of UNAVAILABLE). The register is never called while one of them is open
 * ({@link TaxIdChecks}, {@link TaxIdCheckWorker}).
 */
@ApplicationScoped
@Transactional
public class TaxIdVerifications {

    private static final Logger LOG = Logger.getLogger(TaxIdVerifications.class);

    static final String TRIGGER_SYNC = "SYNC";

    private final Caller caller;
    private final Clock clock;
    private final CustomerService customers;
    private final EventLog events;
    private final TaxIdCheckQueue checks;
    private final TaxIdLeases leases;
    private final Event<CustomersWritten> written;

    public TaxIdVerifications(Caller caller, Clock clock, CustomerService customers, EventLog events,
            TaxIdCheckQueue checks, TaxIdLeases leases, Event<CustomersWritten> written) {
        this.caller = caller;
        this.clock = clock;
        this.customers = customers;
        this.events = events;
        this.checks = checks;
        this.leases = leases;
        this.written = written;
    }

    /**
     * What a verification holds while it calls the register; {@code claim} is its lease, null for the
     * primary (whose check takes the lease itself, {@link VatChecks}).
     */
    record Prepared(UUID organizationId, UUID customerId, UUID taxId, boolean primary, TaxId identifier,
            Requester requester, UUID claim) {
    }

    /** What to do with a claimed background check. */
    sealed interface Next permits Call, Done {
    }

    record Call(Prepared prepared) implements Next {
    }

    record Done() implements Next {
    }

    // --- synchronous (POST /v1/customers/{id}/tax-ids/{tax_id}/verification) ----------------------

    /** Refusals of a synchronous verification, then its lease (the primary's: taken by its VAT check). */
    Prepared prepareSync(UUID customerId, UUID taxId) {
        UUID org = caller.organizationId();
        Customer c = customers.find(org, customerId, false);
        Organization o = TaxIdProfiles.organization(org);
        boolean primary = c.vatNumber != null && PrimaryVat.id(c).equals(taxId);
        TaxId t;
        String provider;
        if (primary) {
            t = PrimaryVat.of(c.vatNumber);
            provider = VatChecks.provider(c.vatNumber);
        } else {
            CustomerTaxId row = find(org, customerId, taxId);
            if (row == null) {
                throw TaxIdProfiles.notFound(taxId);
            }
            t = identifier(row);
            provider = TaxIdProfiles.register(t.type());
        }
        if (!t.verifiable() || provider == null) {
            throw new DomainException(ErrorCode.TAX_ID_NOT_VERIFIABLE, "no register verifies " + t.type().code()
                    + " identifiers of this form; it stays UNVERIFIABLE");
        }
        if (!o.vatValidationEnabled) {
            throw new DomainException(ErrorCode.VAT_VALIDATION_DISABLED, "tax identifier verification is switched off "
                    + "for this organization (vat_validation_enabled in /v1/organization/settings)");
        }
        if (c.vatValidationDisabled) {
            throw new DomainException(ErrorCode.VAT_VALIDATION_OPTED_OUT,
                    "verification is disabled for this customer (vat_validation_disabled)");
        }
        if (o.providerDisabled(provider)) {
            throw new DomainException(ErrorCode.TAX_ID_PROVIDER_DISABLED, provider + " is switched off for this "
                    + "organization (disabled_verification_providers in /v1/organization/settings)");
        }
        Instant now = Clocks.now(clock);
        if (!primary && t.type() == TaxIdType.EU_VAT) {
            Optional<Instant> closes = MaintenanceWindow.openUntil(o.viesMaintenanceWindows, now);
            if (closes.isPresent()) {
                throw new ViesMaintenanceWindowOpen(closes.get(),
                        Math.max(1, (Duration.between(now, closes.get()).toMillis() + 999) / 1000));
            }
        }
        UUID claim = primary ? null : leases.take(org, customerId, t.value()).orElseThrow(() -> new DomainException(
                ErrorCode.TAX_ID_VERIFICATION_IN_PROGRESS, "this identifier is being verified right now; "
                        + "retry in a moment"));
        return new Prepared(org, customerId, taxId, primary, t, requester(o), claim);
    }

    /** Records the answer of a synchronous verification of an identifier of tax_ids; ends the lease. */
    void completeSync(Prepared p, TaxIdVerification v) {
        Customer c = customers.find(p.organizationId(), p.customerId(), true);
        leases.release(p.organizationId(), p.customerId(), p.identifier().value(), p.claim());
        CustomerTaxId row = find(p.organizationId(), p.customerId(), p.taxId());
        if (row == null || !row.value.equals(p.identifier().value())) {
            return; // removed while the register answered
        }
        Instant now = Clocks.now(clock);
        record(c, row, v, TRIGGER_SYNC, now);
        if (v.status() == TaxIdStatus.UNAVAILABLE) {
            checks.recheck(row, now);
        } else {
            checks.drop(row);
        }
        written.fire(CustomersWritten.INSTANCE);
    }

    /** Ends the lease of a verification that failed before its answer could be recorded. */
    void release(Prepared p) {
        if (p.claim() == null) {
            return;
        }
        leases.release(p.organizationId(), p.customerId(), p.identifier().value(), p.claim());
    }

    // --- background -------------------------------------------------------------------------------

    /** Whether a claimed check still has to call its register; drops or postpones it otherwise. */
    @ActivateRequestContext
    Next prepareQueued(TaxIdCheckQueue.Claim k) {
        Customer c = customers.find(k.organizationId(), k.customerId(), true);
        CustomerTaxId row = find(k.organizationId(), k.customerId(), k.taxId());
        Instant now = Clocks.now(clock);
        if (row == null || !row.value.equals(k.value())) {
            checks.complete(k);
            return new Done();
        }
        Organization o = TaxIdProfiles.organization(k.organizationId());
        TaxId t = identifier(row);
        if (!c.status.live() || !TaxIdProfiles.eligible(o, c, t, null)) {
            checks.complete(k); // the identifier stays as it is (PENDING) until a check is asked for
            return new Done();
        }
        if (t.type() == TaxIdType.EU_VAT) {
            Optional<Instant> closes = MaintenanceWindow.openUntil(o.viesMaintenanceWindows, now);
            if (closes.isPresent()) {
                checks.postpone(k, closes.get());
                return new Done();
            }
        }
        Optional<UUID> claim = leases.take(k.organizationId(), k.customerId(), row.value);
        if (claim.isEmpty()) {
            checks.postpone(k, now.plus(TaxIdLeases.BUSY_RETRY)); // another verification is asking the register
            return new Done();
        }
        return new Call(new Prepared(k.organizationId(), k.customerId(), k.taxId(), false, t, requester(o),
                claim.get()));
    }

    /** Records the answer of a claimed check, then reschedules it (UNAVAILABLE) or removes it. */
    @ActivateRequestContext
    void completeQueued(TaxIdCheckQueue.Claim k, Prepared p, TaxIdVerification v) {
        Customer c = customers.find(k.organizationId(), k.customerId(), true);
        leases.release(p.organizationId(), p.customerId(), p.identifier().value(), p.claim());
        CustomerTaxId row = find(k.organizationId(), k.customerId(), k.taxId());
        if (!checks.holds(k) || row == null || !row.value.equals(k.value())) {
            LOG.debugf("check of tax id %s superseded while the register answered; answer dropped", k.taxId());
            return;
        }
        Instant now = Clocks.now(clock);
        String trigger = TaxIdProfiles.TRIGGER_AUTO.equals(k.trigger()) ? TaxIdProfiles.TRIGGER_AUTO
                : TaxIdCheckQueue.TRIGGER_RECHECK;
        record(c, row, v, trigger, now);
        if (v.status() == TaxIdStatus.UNAVAILABLE) {
            checks.recheckLater(k, now);
        } else {
            checks.complete(k);
        }
        written.fire(CustomersWritten.INSTANCE);
    }

    // ---------------------------------------------------------------------------------------------

    /** The history row of a check, the identifier's new verification, and its event when the status moved. */
    private void record(Customer c, CustomerTaxId row, TaxIdVerification v, String trigger, Instant now) {
        VatVerification h = new VatVerification();
        h.id = Ids.newId();
        h.organizationId = c.organizationId;
        h.customerId = c.id;
        h.taxId = row.id;
        h.source = v.provider().name();
        h.result = v.status().name();
        h.trigger = trigger;
        h.vatNumber = cut(row.value, 32);
        h.countryCode = row.country;
        h.requestIdentifier = cut(v.reference(), 100);
        h.viesName = cut(v.verifiedName(), 1000);
        h.viesAddress = cut(v.verifiedAddress(), 2000);
        h.viesRequestDate = v.checkedAt() == null ? null : v.checkedAt().toString();
        h.errorCode = cut(v.errorCode(), 64);
        h.actor = Actor.of(caller);
        h.state = VatVerification.STATE_COMPLETED;
        h.createdAt = now;
        h.persist();
        String from = row.status;
        row.status = v.status().name();
        row.provider = v.provider().name();
        row.checkedAt = v.checkedAt() == null ? now : v.checkedAt();
        row.verifiedName = h.viesName;
        row.verifiedAddress = h.viesAddress;
        row.reference = h.requestIdentifier;
        row.errorCode = h.errorCode;
        row.updatedAt = now;
        customers.changed(c, now);
        if (!Objects.equals(from, row.status)) {
            events.record(c.organizationId, c.id, now, null, new TaxIdEvents.VerificationChanged(row.id, row.type,
                    row.value, from, row.status, row.provider, row.reference));
        }
    }

    private static CustomerTaxId find(UUID org, UUID customerId, UUID taxId) {
        return CustomerTaxId.<CustomerTaxId> find("organizationId = ?1 and customerId = ?2 and id = ?3", org,
                customerId, taxId).firstResult();
    }

    /** A stored identifier, parsed again (stored values always parse to themselves). */
    private static TaxId identifier(CustomerTaxId row) {
        return TaxIds.parse(TaxIdType.fromCode(row.type).orElseThrow(), row.value).taxId();
    }

    /** The organization's own numbers for the registers that return a consultation number. */
    private static Requester requester(Organization o) {
        TaxId eu = null;
        if (o.requesterVatNumber != null) {
            TaxIds.Parsed p = TaxIds.parse(TaxIdType.EU_VAT, o.requesterVatNumber);
            eu = p.wellFormed() ? p.taxId() : null;
        }
        TaxId gb = null;
        if (o.requesterGbVatNumber != null) {
            TaxIds.Parsed p = TaxIds.parse(TaxIdType.GB_VAT, o.requesterGbVatNumber);
            gb = p.wellFormed() && p.taxId().verifiable() ? p.taxId() : null;
        }
        return new Requester(eu, gb);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
