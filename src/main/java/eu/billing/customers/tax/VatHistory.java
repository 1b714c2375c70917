package eu.billing.customers.tax;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerService;
import eu.billing.customers.customer.VatValidationStatus;
import eu.billing.customers.events.EventLog;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.audit.Actor;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.tenancy.Caller;
import eu.billing.customers.platform.tenancy.Organization;
import eu.billing.customers.platform.validation.VatNumbers;

/**
 * What checks and overrides share: the rows of the verification history, the verdict written to
 * the customer (through {@link CustomerService}, its only writer) with its
 * {@code customer.vat_validation_changed} event, and who is eligible for checks at all.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class VatHistory {

    private final Caller caller;
    private final EventLog events;
    private final CustomerService customers;

    public VatHistory(Caller caller, EventLog events, CustomerService customers) {
        this.caller = caller;
        this.events = events;
        this.customers = customers;
    }

    /** A history row about the customer's current number, by the caller (not yet persisted). */
    VatVerification newRow(Customer c, VatNumbers.Parsed number, String source, String result, String trigger,
            Instant now) {
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
        row.actor = Actor.of(caller);
        return row;
    }

    /**
     * Writes a new verdict on the customer (version + 1) and, when the status it shows moves, the
     * {@code customer.vat_validation_changed} event.
     */
    void verdict(Customer c, VatValidationStatus status, Instant overrideExpiresAt, String source,
            String requestIdentifier, String reason, Instant now) {
        String from = c.vatValidationStatus;
        customers.changeVatValidation(c, status, overrideExpiresAt, now);
        if (!from.equals(c.vatValidationStatus)) {
            events.record(c.organizationId, c.id, now, reason, new VatEvents.ValidationChanged(from,
                    c.vatValidationStatus, source, requestIdentifier, c.vatNumber));
        }
    }

    /** Whether the customer's number is checked at all: the organization's switch and the customer's opt-out. */
    static boolean eligible(Organization o, Customer c) {
        return o.vatValidationEnabled && !c.vatValidationDisabled
                && (c.vatNumber == null || !o.providerDisabled(VatChecks.provider(c.vatNumber)));
    }

    static Organization organization(UUID id) {
        Organization o = Organization.findById(id);
        if (o == null) {
            throw new DomainException(ErrorCode.ORGANIZATION_NOT_FOUND, "no organization " + id);
        }
        return o;
    }
}
