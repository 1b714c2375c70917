package eu.billing.customers.tax.profile;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerInput;
import eu.billing.customers.customer.CustomerService;
import eu.billing.customers.customer.CustomersWritten;
import eu.billing.customers.customer.InvalidStateTransition;
import eu.billing.customers.customer.TaxIdInput;
import eu.billing.customers.customer.TaxIdsWritten;
import eu.billing.customers.customer.VatOverrides;
import eu.billing.customers.customer.VatValidationStatus;
import eu.billing.customers.events.EventLog;
import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.problem.FieldError;
import eu.billing.customers.platform.problem.ValidationFailed;
import eu.billing.customers.platform.tenancy.Caller;
import eu.billing.customers.platform.tenancy.Organization;
import eu.billing.customers.tax.VatChecks;
import eu.billing.customers.tax.VatVerification;
import eu.billing.customers.tax.id.TaxId;
import eu.billing.customers.tax.id.TaxIdStatus;
import eu.billing.customers.tax.id.TaxIdType;
import eu.billing.customers.tax.id.TaxIds;
import eu.billing.customers.tax.register.TaxRegister;

/**
 * A customer's tax identifiers (docs/tax-ids.md): listing, adding and removing them, and replacing
 * them as a whole when a customer write carries {@code tax_ids}. The primary VAT identifier is the
 * customer's {@code vat_number}, written through {@link CustomerService} (its only writer), with
 * the VAT checks of issue 3; every other identifier is a row of tax_ids with its verification,
 * checked through {@link TaxIdCheckQueue}.
 *
 * <p>Lock order: the customer row first (every write here takes it), then its identifiers' rows.
 * Together with the unique indexes of tax_ids this keeps one identifier per type and country.
 */
@ApplicationScoped
@Transactional
public class TaxIdProfiles {

    static final String TRIGGER_AUTO = "AUTO";

    /**
     * The latest check of each customer's primary number (not an override, not of an identifier of
     * tax_ids), for the numbers given: one row per customer and number.
     */
    private static final String LATEST_PRIMARY_CHECKS = """
            SELECT DISTINCT ON (v.customer_id, v.vat_number) v.* FROM vat_verifications v
            WHERE v.organization_id = :org AND v.customer_id IN (:customers) AND v.vat_number IN (:numbers)
            AND v.tax_id IS NULL AND v.source <> :manual
            ORDER BY v.customer_id, v.vat_number, v.created_at DESC, v.id DESC""";

    private final EntityManager em;
    private final Caller caller;
    private final Clock clock;
    private final CustomerService customers;
    private final EventLog events;
    private final TaxIdCheckQueue checks;
    private final Event<CustomersWritten> written;
    private final PendingTreatments pending;

    public TaxIdProfiles(EntityManager em, Caller caller, Clock clock, CustomerService customers, EventLog events,
            TaxIdCheckQueue checks, Event<CustomersWritten> written, PendingTreatments pending) {
        this.pending = pending;
        this.em = em;
        this.caller = caller;
        this.clock = clock;
        this.customers = customers;
        this.events = events;
        this.checks = checks;
        this.written = written;
    }

    // --- reading ----------------------------------------------------------------------------------

    /**
     * What the tax treatment reads of a customer's identifiers: their types, countries and statuses,
     * without the primary's evidence (its latest check is not read). {@code rows}: whether the
     * customer may hold rows of tax_ids (false for a customer created in this transaction that was
     * given none: no query).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    List<HeldTaxId> forTreatment(Customer c, boolean rows) {
        List<HeldTaxId> held = new ArrayList<>();
        if (c.vatNumber != null) {
            held.add(primary(c, null, null, null, null, null));
        }
        if (rows) {
            rows(c.organizationId, c.id).forEach(r -> held.add(held(r)));
        }
        return held;
    }

    /** The caller's customer's identifiers (404 for another organization's customer). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<HeldTaxId> list(UUID customerId) {
        return held(customers.get(customerId));
    }

    /** A customer's identifiers: the primary first, then the others by creation. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<HeldTaxId> held(Customer c) {
        return held(List.of(c)).get(c.id);
    }

    /**
     * The identifiers of several customers (a page of a listing), by customer id, each list as
     * {@link #held(Customer)} answers it: per organization, one query for the rows of tax_ids and
     * one for the primaries' latest checks, whatever the number of customers.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, List<HeldTaxId>> held(List<Customer> customers) {
        Map<UUID, List<Customer>> byOrganization = new LinkedHashMap<>();
        customers.forEach(c -> byOrganization.computeIfAbsent(c.organizationId, o -> new ArrayList<>()).add(c));
        Map<UUID, List<HeldTaxId>> held = new HashMap<>();
        byOrganization.forEach((org, ofOrg) -> {
            Map<UUID, VatVerification> checks = latestPrimaryChecks(org, ofOrg);
            for (Customer c : ofOrg) {
                List<HeldTaxId> list = new ArrayList<>();
                if (c.vatNumber != null) {
                    list.add(primary(c, checks.get(c.id)));
                }
                held.put(c.id, list);
            }
            rows(org, ofOrg.stream().map(c -> c.id).toList()).forEach(r -> held.get(r.customerId).add(held(r)));
        });
        return held;
    }

    /** One of the caller's customer's identifiers; 404 TAX_ID_NOT_FOUND when it holds no such one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public HeldTaxId get(UUID customerId, UUID taxId) {
        return held(customers.get(customerId)).stream().filter(t -> t.id().equals(taxId)).findFirst()
                .orElseThrow(() -> notFound(taxId));
    }

    // --- writing ----------------------------------------------------------------------------------

    /**
     * Adds an identifier. An eu_vat or 9/12-digit gb_vat becomes the primary (vat_number, with the
     * automatic VAT check) when the customer has none; any other is a row of tax_ids, verified in
     * the background when the organization, the customer, the provider switch and
     * {@code autoValidate} allow it.
     */
    public HeldTaxId add(UUID customerId, String type, String value, Boolean autoValidate) {
        Customer c = customers.find(caller.organizationId(), customerId, true);
        requireLive(c);
        TaxId t = parse(type, value, "type", "value");
        Instant now = Clocks.now(clock);
        if (c.vatNumber == null && PrimaryVat.candidate(t)) {
            refuseDuplicate(c, t, rows(c.organizationId, c.id), null);
            customers.updateInWrite(c.id, CustomerInput.vatNumber(t.value(), autoValidate), null);
            events.record(c.organizationId, c.id, now, null,
                    new TaxIdEvents.Added(PrimaryVat.id(c), t.type().code(), t.country(), t.value(), true));
            HeldTaxId added = primary(c);
            written.fire(CustomersWritten.INSTANCE);
            return added;
        }
        refuseDuplicate(c, t, rows(c.organizationId, c.id), null);
        CustomerTaxId row = insert(c, t, autoValidate, now);
        customers.changed(c, now);
        written.fire(CustomersWritten.INSTANCE);
        return held(row);
    }

    /**
     * Removes an identifier; removing the primary clears vat_number (ending an override of it) and
     * makes the oldest other eu_vat (else gb_vat) the primary.
     */
    public void remove(UUID customerId, UUID taxId) {
        Customer c = customers.find(caller.organizationId(), customerId, true);
        requireLive(c);
        Instant now = Clocks.now(clock);
        if (c.vatNumber != null && PrimaryVat.id(c).equals(taxId)) {
            TaxId old = PrimaryVat.of(c.vatNumber);
            Optional<CustomerTaxId> next = promotable(rows(c.organizationId, c.id));
            next.ifPresent(r -> delete(c, r, now, false));
            customers.updateInWrite(c.id, CustomerInput.vatNumber(next.map(r -> r.value).orElse(null), null), null);
            events.record(c.organizationId, c.id, now, null,
                    new TaxIdEvents.Removed(taxId, old.type().code(), old.country(), old.value(), true));
            next.ifPresent(r -> events.record(c.organizationId, c.id, now, null,
                    new TaxIdEvents.Added(PrimaryVat.id(c), r.type, r.country, r.value, true)));
            written.fire(CustomersWritten.INSTANCE);
            return;
        }
        CustomerTaxId row = CustomerTaxId.<CustomerTaxId> find("organizationId = ?1 and customerId = ?2 and id = ?3",
                c.organizationId, c.id, taxId).firstResult();
        if (row == null) {
            throw notFound(taxId);
        }
        delete(c, row, now, true);
        customers.changed(c, now);
        written.fire(CustomersWritten.INSTANCE);
    }

    /**
     * A customer write's {@code tax_ids}, in its transaction: the identifiers become exactly that
     * list. Identifiers already held (same type and value) stay with their verification; vat_number
     * sent in the same write stays the primary; otherwise the primary is the listed eu_vat (else
     * gb_vat) equal to the current one, else the first listed.
     */
    void onTaxIdsWritten(@Observes TaxIdsWritten w) {
        Customer c = w.customer();
        List<TaxId> wanted = parseAll(w.taxIds());
        Instant now = Clocks.now(clock);
        String before = c.vatNumber;
        if (!w.vatNumberSent()) {
            boolean keep = before != null && wanted.stream().anyMatch(t -> t.value().equals(before));
            if (!keep) {
                String primary = wanted.stream().filter(t -> t.type() == TaxIdType.EU_VAT).findFirst()
                        .or(() -> wanted.stream().filter(PrimaryVat::candidate).findFirst())
                        .map(TaxId::value).orElse(null);
                customers.setVatNumber(c, primary);
            }
        }
        List<TaxId> others = new ArrayList<>(wanted);
        if (c.vatNumber != null) {
            TaxId primary = PrimaryVat.of(c.vatNumber);
            others.removeIf(t -> t.value().equals(primary.value()));
            for (TaxId t : others) {
                if (t.type() == primary.type() && Objects.equals(t.country(), primary.country())) {
                    throw duplicate(t, "the primary VAT identifier " + primary.value());
                }
            }
        }
        boolean changed = !Objects.equals(before, c.vatNumber);
        List<CustomerTaxId> rows = rows(c.organizationId, c.id);
        for (CustomerTaxId row : rows) {
            boolean kept = others.removeIf(t -> t.type().code().equals(row.type) && t.value().equals(row.value));
            if (!kept) {
                delete(c, row, now, true);
                changed = true;
            }
        }
        em.flush(); // the removed rows leave the unique indexes before new ones arrive
        for (TaxId t : others) {
            insert(c, t, w.autoValidateVat(), now);
            changed = true;
        }
        if (before != null && !before.equals(c.vatNumber)) {
            TaxId old = PrimaryVat.of(before);
            events.record(c.organizationId, c.id, now, null, new TaxIdEvents.Removed(
                    primaryId(c, before), old.type().code(), old.country(), old.value(), true));
        }
        if (c.vatNumber != null && !c.vatNumber.equals(before)) {
            TaxId added = PrimaryVat.of(c.vatNumber);
            events.record(c.organizationId, c.id, now, null, new TaxIdEvents.Added(
                    PrimaryVat.id(c), added.type().code(), added.country(), added.value(), true));
        }
        if (changed && !w.creating()) {
            customers.changed(c, now);
        }
    }

    // --- merge ------------------------------------------------------------------------------------

    /** What a merge did to the tax identifiers. */
    public record Moved(int moved, int left) {
    }

    /**
     * In a merge's transaction (both customers locked, the target's fields already merged): the
     * target keeps its identifiers; each of the source's identifiers of tax_ids of a type and country
     * the target lacks moves to it, with its verification. The source's primary is its vat_number, a
     * field the merge strategy decides (FILL_FROM_SOURCE fills an empty one, with the VAT check of
     * issue 3; KEEP_TARGET takes no number): unless the target took it, it counts as left on the
     * source, like the identifiers of a type and country the target already has.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Moved mergeInto(Customer source, Customer target, Instant now) {
        List<CustomerTaxId> targetRows = rows(target.organizationId, target.id);
        List<TaxId> held = new ArrayList<>();
        if (target.vatNumber != null) {
            held.add(PrimaryVat.of(target.vatNumber));
        }
        targetRows.forEach(r -> held.add(new TaxId(TaxIdType.fromCode(r.type).orElseThrow(), r.value, r.country, r.value)));
        int moved = 0;
        int left = 0;
        if (source.vatNumber != null && !source.vatNumber.equals(target.vatNumber)) {
            left++; // the primary is vat_number: the merge strategy decides it (FILL_FROM_SOURCE fills it)
        }
        for (CustomerTaxId row : rows(source.organizationId, source.id)) {
            TaxId t = new TaxId(TaxIdType.fromCode(row.type).orElseThrow(), row.value, row.country, row.value);
            if (lacks(held, t)) {
                checks.drop(row);
                row.customerId = target.id;
                row.updatedAt = now;
                em.flush();
                if (TaxIdStatus.PENDING.name().equals(row.status) || TaxIdStatus.UNAVAILABLE.name().equals(row.status)) {
                    TaxId parsed = TaxIds.parse(t.type(), t.value()).taxId();
                    if (eligible(organization(target.organizationId), target, parsed, null)) {
                        checks.queue(row, TRIGGER_AUTO, 0, now, now);
                    }
                }
                events.record(target.organizationId, target.id, now, null,
                        new TaxIdEvents.Added(row.id, row.type, row.country, row.value, false));
                held.add(t);
                moved++;
            } else {
                left++;
            }
        }
        if (moved > 0) {
            customers.changed(target, now);
        }
        return new Moved(moved, left);
    }

    private static boolean lacks(List<TaxId> held, TaxId t) {
        return held.stream().noneMatch(h -> h.type() == t.type()
                && (t.country() == null ? h.value().equals(t.value()) : t.country().equals(h.country())));
    }

    // ---------------------------------------------------------------------------------------------

    /** Whether the automatic check of an identifier of tax_ids runs: the switches, the opt-out, the hint. */
    static boolean eligible(Organization o, Customer c, TaxId t, Boolean autoValidate) {
        return t.verifiable() && o.vatValidationEnabled && !c.vatValidationDisabled
                && !Boolean.FALSE.equals(autoValidate) && !o.providerDisabled(register(t.type()));
    }

    /** The register that checks identifiers of {@code type}; null for other. */
    static String register(TaxIdType type) {
        return switch (type) {
            case EU_VAT -> TaxRegister.VIES.name();
            case GB_VAT -> TaxRegister.HMRC.name();
            case CH_VAT -> TaxRegister.CH_UID.name();
            case NO_VAT -> TaxRegister.BRREG.name();
            case OTHER -> null;
        };
    }

    static TaxId parse(String type, String value, String typeField, String valueField) {
        Optional<TaxIdType> t = TaxIdType.fromCode(type);
        if (t.isEmpty()) {
            throw ValidationFailed.of(typeField, "must be one of eu_vat, gb_vat, ch_vat, no_vat, other");
        }
        TaxIds.Parsed parsed = TaxIds.parse(t.get(), value);
        if (!parsed.wellFormed()) {
            throw ValidationFailed.of(valueField, "is no " + t.get().code() + ": " + parsed.problem());
        }
        return parsed.taxId();
    }

    private static List<TaxId> parseAll(List<TaxIdInput> inputs) {
        List<FieldError> errors = new ArrayList<>();
        List<TaxId> parsed = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            TaxIdInput in = inputs.get(i);
            String at = "tax_ids[" + i + "]";
            try {
                TaxId t = parse(in.type(), in.value(), at + ".type", at + ".value");
                String key = t.type().code() + ":" + (t.country() == null ? "=" + t.value() : t.country());
                Integer first = seen.putIfAbsent(key, i);
                if (first != null) {
                    errors.add(new FieldError(at, "has the type and country of tax_ids[" + first + "]: a customer "
                            + "holds at most one identifier per type and country"));
                }
                parsed.add(t);
            } catch (ValidationFailed e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return parsed;
    }

    private CustomerTaxId insert(Customer c, TaxId t, Boolean autoValidate, Instant now) {
        CustomerTaxId row = new CustomerTaxId();
        row.id = Ids.newId();
        row.organizationId = c.organizationId;
        row.customerId = c.id;
        row.type = t.type().code();
        row.country = t.country();
        row.value = t.value();
        row.status = (t.verifiable() ? TaxIdStatus.PENDING : TaxIdStatus.UNVERIFIABLE).name();
        row.createdAt = now;
        row.updatedAt = now;
        row.persist();
        pending.noted().identifiersWritten.add(c.id);
        if (eligible(organization(c.organizationId), c, t, autoValidate)) {
            checks.queue(row, TRIGGER_AUTO, 0, now, now);
        }
        events.record(c.organizationId, c.id, now, null,
                new TaxIdEvents.Added(row.id, row.type, row.country, row.value, false));
        return row;
    }

    private void delete(Customer c, CustomerTaxId row, Instant now, boolean event) {
        checks.drop(row);
        row.delete();
        if (event) {
            events.record(c.organizationId, c.id, now, null,
                    new TaxIdEvents.Removed(row.id, row.type, row.country, row.value, false));
        }
    }

    /** The oldest eu_vat, else the oldest 9/12-digit gb_vat: the next primary. */
    private static Optional<CustomerTaxId> promotable(List<CustomerTaxId> rows) {
        return rows.stream().filter(r -> r.type.equals(TaxIdType.EU_VAT.code())).findFirst()
                .or(() -> rows.stream().filter(r -> r.type.equals(TaxIdType.GB_VAT.code())
                        && PrimaryVat.candidate(PrimaryVat.of(r.value))).findFirst());
    }

    private void refuseDuplicate(Customer c, TaxId t, List<CustomerTaxId> rows, UUID except) {
        if (c.vatNumber != null) {
            TaxId primary = PrimaryVat.of(c.vatNumber);
            if (primary.type() == t.type() && Objects.equals(primary.country(), t.country())) {
                throw duplicate(t, "the primary VAT identifier " + primary.value());
            }
        }
        for (CustomerTaxId r : rows) {
            if (!r.id.equals(except) && r.type.equals(t.type().code())
                    && (t.country() == null ? r.value.equals(t.value()) : t.country().equals(r.country))) {
                throw duplicate(t, r.value);
            }
        }
    }

    private static DomainException duplicate(TaxId t, String held) {
        return new DomainException(ErrorCode.TAX_ID_DUPLICATE, "the customer already holds a " + t.type().code()
                + (t.country() == null ? " with this value" : " of " + t.country()) + ": " + held
                + " (remove it first)");
    }

    static DomainException notFound(UUID taxId) {
        return new DomainException(ErrorCode.TAX_ID_NOT_FOUND, "the customer has no tax identifier " + taxId);
    }

    private static void requireLive(Customer c) {
        if (!c.status.live()) {
            throw new InvalidStateTransition(c.status,
                    "cannot change the tax identifiers of a customer that is " + c.status);
        }
    }

    static List<CustomerTaxId> rows(UUID organizationId, UUID customerId) {
        return CustomerTaxId.<CustomerTaxId> find(
                "organizationId = ?1 and customerId = ?2 order by createdAt, id", organizationId, customerId).list();
    }

    /** The rows of tax_ids of several customers of the organization, by creation. */
    private static List<CustomerTaxId> rows(UUID organizationId, List<UUID> customerIds) {
        return CustomerTaxId.<CustomerTaxId> find(
                "organizationId = ?1 and customerId in ?2 order by createdAt, id", organizationId, customerIds).list();
    }

    /** The latest check of each customer's current primary number, by customer id (none: no entry). */
    @SuppressWarnings("unchecked")
    private Map<UUID, VatVerification> latestPrimaryChecks(UUID organizationId, List<Customer> customers) {
        Set<String> numbers = new LinkedHashSet<>();
        List<UUID> ids = new ArrayList<>();
        for (Customer c : customers) {
            if (c.vatNumber != null) {
                numbers.add(c.vatNumber);
                ids.add(c.id);
            }
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<VatVerification> latest = em.createNativeQuery(LATEST_PRIMARY_CHECKS, VatVerification.class)
                .unwrap(NativeQuery.class)
                .addSynchronizedEntityClass(VatVerification.class) // sees this transaction's checks, as HQL would
                .setParameter("org", organizationId).setParameter("customers", ids)
                .setParameter("numbers", numbers).setParameter("manual", VatVerification.SOURCE_MANUAL)
                .getResultList();
        Map<UUID, String> current = new HashMap<>();
        customers.forEach(c -> current.put(c.id, c.vatNumber));
        Map<UUID, VatVerification> byCustomer = new HashMap<>();
        for (VatVerification v : latest) {
            if (v.vatNumber.equals(current.get(v.customerId))) {
                byCustomer.put(v.customerId, v);
            }
        }
        return byCustomer;
    }

    static Organization organization(UUID id) {
        Organization o = Organization.findById(id);
        if (o == null) {
            throw new DomainException(ErrorCode.ORGANIZATION_NOT_FOUND, "no organization " + id);
        }
        return o;
    }

    private static UUID primaryId(Customer c, String vatNumber) {
        return UUID.nameUUIDFromBytes(("primary-vat:" + c.organizationId + ":" + c.id + ":" + vatNumber)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The primary as an identifier: the customer's number, its verdict and the latest check's evidence. */
    HeldTaxId primary(Customer c) {
        return primary(c, latestPrimaryChecks(c.organizationId, List.of(c)).get(c.id));
    }

    /** The primary, with the latest check of its number ({@code last}, null when there is none). */
    private static HeldTaxId primary(Customer c, VatVerification last) {
        return last == null ? primary(c, null, null, null, null, null)
                : primary(c, last.source, last.createdAt, last.viesName, last.viesAddress, last.requestIdentifier);
    }

    /**
     * The primary, with the evidence of the latest check of its number (its source and time, the
     * register's name, address and reference; all null when there is none).
     */
    static HeldTaxId primary(Customer c, String source, Instant checkedAt, String name, String address,
            String reference) {
        TaxId t = PrimaryVat.of(c.vatNumber);
        String status = VatOverrides.effectiveStatus(c);
        if (VatValidationStatus.UNVALIDATED.name().equals(status)) {
            status = TaxIdStatus.PENDING.name();
        }
        boolean register = source != null && !VatVerification.SOURCE_FORMAT.equals(source);
        return new HeldTaxId(PrimaryVat.id(c), t.type().code(), t.country(), t.value(), true, status,
                register ? source : null, checkedAt, register ? name : null, register ? address : null,
                register ? reference : null, c.vatNumberSetAt == null ? c.createdAt : c.vatNumberSetAt);
    }

    static HeldTaxId held(CustomerTaxId r) {
        return new HeldTaxId(r.id, r.type, r.country, r.value, false, r.status, r.provider, r.checkedAt,
                r.verifiedName, r.verifiedAddress, r.reference, r.createdAt);
    }

    /** Whether {@code provider} (a register name) is the one that checks the primary number. */
    static String primaryRegister(Customer c) {
        return VatChecks.provider(c.vatNumber);
    }
}
