package eu.billing.customers.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import eu.billing.customers.customfield.CustomFieldValues;
import eu.billing.customers.events.EventLog;
import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.audit.Snapshot;
import eu.billing.customers.platform.jdbc.JdbcWrites;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.problem.FieldError;
import eu.billing.customers.platform.problem.ValidationFailed;
import eu.billing.customers.platform.tenancy.Caller;
import eu.billing.customers.platform.validation.VatNumbers;

/**
 * Creating, upserting, updating, archiving and restoring customers, and the VAT verdict the tax
 * feature decides. Each public method is one transaction: the customer, its wallet and its event
 * commit together or not at all.
 */
@ApplicationScoped
@Transactional
public class CustomerService {

    /**
     * Insert that claims an external id with a skeleton row, for a create whose row cannot be written
     * complete at once ({@link CustomerRows#INSERT_CLAIMING_EXTERNAL_ID} otherwise); the partial unique
     * index decides who wins a race.
     */
    private static final String CLAIM_EXTERNAL_ID = """
            INSERT INTO customers (organization_id, id, external_id, name, status, version, created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, 'ACTIVE', 1, ?5, ?5)
            ON CONFLICT (organization_id, external_id) WHERE deleted_at IS NULL AND external_id IS NOT NULL
            DO NOTHING""";

    /** The latest merged customer that had an external id, and where it points. */
    private static final String MERGED_POINTER = """
            SELECT CAST(merged_into_customer_id AS varchar) FROM customers
            WHERE organization_id = ?1 AND external_id = ?2 AND status = 'MERGED'
            ORDER BY deleted_at DESC, id DESC
            LIMIT 1""";

    private static final String STATUS_AND_POINTER = """
            SELECT status, CAST(merged_into_customer_id AS varchar) FROM customers
            WHERE organization_id = ?1 AND id = ?2""";

    /** Takes back a claim made in this transaction (nothing references the row yet). */
    private static final String UNCLAIM = "DELETE FROM customers WHERE organization_id = ?1 AND id = ?2";

    /** What every write moves: never listed in an event's changes. */
    private static final Set<String> UNTRACKED = Set.of("version", "created_at", "updated_at", "deleted_at");
    /** A creation's changes leave out the identity too. */
    private static final Set<String> UNTRACKED_ON_CREATE = Set.of("version", "created_at", "updated_at",
            "deleted_at", "id", "organization_id");

    private final EntityManager em;
    private final Caller caller;
    private final CustomerWallets wallets;
    private final EventLog events;
    private final Clock clock;
    private final PaymentProviders providers;
    private final Event<VatNumberChanged> vatNumberChanged;
    private final CustomFieldValues customFields;
    private final Event<TaxIdsWritten> taxIdsWritten;
    private final Event<CustomerChanged> customerChanged;
    private final Event<CustomersWritten> written;
    private final JdbcWrites jdbc;

    public CustomerService(EntityManager em, Caller caller, CustomerWallets wallets, EventLog events, Clock clock,
            PaymentProviders providers, Event<VatNumberChanged> vatNumberChanged, CustomFieldValues customFields,
            Event<TaxIdsWritten> taxIdsWritten, Event<CustomerChanged> customerChanged,
            Event<CustomersWritten> written, JdbcWrites jdbc) {
        this.jdbc = jdbc;
        this.em = em;
        this.caller = caller;
        this.wallets = wallets;
        this.events = events;
        this.clock = clock;
        this.providers = providers;
        this.vatNumberChanged = vatNumberChanged;
        this.customFields = customFields;
        this.taxIdsWritten = taxIdsWritten;
        this.customerChanged = customerChanged;
        this.written = written;
    }

    /** The outcome of POST /v1/customers: the customer, and whether it was created (else upserted). */
    public record Saved(Customer customer, boolean created) {
    }

    /**
     * Creates a customer with its primary wallet, or, when {@code external_id} names a live
     * customer of the organization, applies the given fields to it (idempotent upsert).
     */
    public Saved create(CustomerInput input) {
        return written(save(input));
    }

    private Saved save(CustomerInput input) {
        if (input.name() == null) {
            throw ValidationFailed.of(CustomerField.NAME.key(), "is required");
        }
        UUID org = caller.organizationId();
        // before any customer row lock: a create checks the required custom fields (CustomFieldLock)
        customFields.lockForWrite(org);
        if (input.externalId() == null) {
            Customer customer = newCustomer(org, Clocks.now(clock));
            applyNew(customer, input);
            // Hibernate's INSERT writes the row as it is at persist(): a change after it (the tax
            // treatment, at the end) costs an UPDATE. So the row is persisted early only when rows
            // that reference it come first (its identifiers, its VAT check), else once it is final.
            boolean referenced = input.has(CustomerField.TAX_IDS) || customer.vatNumber != null;
            if (referenced) {
                customer.persist();
            }
            taxIdsSet(customer, input, true);
            vatNumberSet(customer, input.autoValidateVat(), null);
            return new Saved(opened(customer, !referenced), true);
        }
        Customer complete = completeNew(org, input);
        for (int attempt = 0; attempt < 5; attempt++) {
            UUID id;
            int claimed;
            if (complete != null) {
                id = complete.id;
                claimed = jdbc.update(CustomerRows.INSERT_CLAIMING_EXTERNAL_ID, CustomerRows.values(complete));
            } else {
                id = Ids.newId();
                Instant now = Clocks.now(clock);
                claimed = em.createNativeQuery(CLAIM_EXTERNAL_ID)
                        .setParameter(1, org).setParameter(2, id).setParameter(3, input.externalId())
                        .setParameter(4, input.name()).setParameter(5, now)
                        .executeUpdate();
            }
            if (claimed == 1) {
                Customer survivor = mergedSurvivor(org, input.externalId());
                if (survivor != null) {
                    // the id was a merged customer's: the upsert goes to the customer it was merged into
                    em.createNativeQuery(UNCLAIM).setParameter(1, org).setParameter(2, id).executeUpdate();
                    // the survivor keeps its own external id
                    return new Saved(update(survivor, input.without(CustomerField.EXTERNAL_ID), null), false);
                }
                if (complete != null) {
                    return new Saved(open(complete), true); // written whole by the claim: no persist, no UPDATE
                }
                Customer customer = find(org, id, false);
                applyNew(customer, input);
                taxIdsSet(customer, input, true);
                vatNumberSet(customer, input.autoValidateVat(), null);
                return new Saved(opened(customer, false), true);
            }
            Customer existing = Customer.<Customer> find(
                    "organizationId = ?1 and externalId = ?2 and deletedAt is null", org, input.externalId())
                    .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
            if (existing != null) {
                return new Saved(update(existing, input, null), false);
            }
            // the holder was archived between our insert and our read: claim again
        }
        throw new ExternalIdConflict(input.externalId());
    }

    /**
     * The customer an external-id create would create, complete and final (its fields, custom
     * fields, the tax treatment the tax feature derives for it), for the claim to write whole in one
     * statement (issue 16: not a skeleton row, loaded back and updated). Null when the create needs
     * the claim first: its tax identifiers or VAT number write rows that reference the customer and
     * change it afterwards, or the fields are not valid for a new customer (they may still be for the
     * live customer that holds the id, whose upsert validates them as an update: a required custom
     * field it already has, a status it cannot leave).
     */
    private Customer completeNew(UUID org, CustomerInput input) {
        if (input.has(CustomerField.TAX_IDS) || input.has(CustomerField.VAT_NUMBER)) {
            return null;
        }
        Customer customer = newCustomer(org, Clocks.now(clock));
        try {
            applyNew(customer, input);
        } catch (DomainException invalidAsNew) {
            return null; // thrown before anything was written; the claim-first path decides
        }
        announceCreated(customer);
        return customer;
    }

    private static Customer newCustomer(UUID org, Instant now) {
        Customer customer = new Customer();
        customer.id = Ids.newId();
        customer.organizationId = org;
        customer.status = CustomerStatus.ACTIVE;
        customer.version = 1;
        customer.createdAt = now;
        customer.updatedAt = now;
        return customer;
    }

    /** A customer of the caller's organization, whatever its status. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Customer get(UUID id) {
        // Not through find(): that call is intercepted as REQUIRED and would open a transaction,
        // with its own COMMIT round trip, around this single read (docs/benchmarks.md).
        Customer customer = Customer.<Customer> find("organizationId = ?1 and id = ?2", caller.organizationId(), id)
                .firstResult();
        if (customer == null) {
            throw new CustomerNotFound(id);
        }
        return customer;
    }

    /** Partial update; {@code expectedVersion} comes from If-Match. */
    public Customer update(UUID id, CustomerInput input, Integer expectedVersion) {
        return written(updateInWrite(id, input, expectedVersion));
    }

    /**
     * The same partial update as a step of a write of another feature in progress (the tax
     * identifiers'), which fires {@link CustomersWritten} itself when it ends.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Customer updateInWrite(UUID id, CustomerInput input, Integer expectedVersion) {
        if (input.has(CustomerField.CUSTOM_FIELDS)) {
            customFields.lockForWrite(caller.organizationId()); // before the customer's row lock
        }
        return update(find(caller.organizationId(), id, true), input, expectedVersion);
    }

    /** Soft delete: ARCHIVED, deleted_at set, external id free. Archiving an archived customer is a no-op. */
    public Customer archive(UUID id, Integer expectedVersion) {
        Customer customer = find(caller.organizationId(), id, true);
        if (customer.status == CustomerStatus.ARCHIVED) {
            return written(customer);
        }
        requireLive(customer, "archive");
        checkVersion(customer, expectedVersion);
        Instant now = Clocks.now(clock);
        CustomerStatus from = customer.status;
        customer.status = CustomerStatus.ARCHIVED;
        customer.deletedAt = now;
        touch(customer, now);
        events.record(customer.organizationId, customer.id, now, null, new CustomerEvents.Archived(from));
        return written(customer);
    }

    /** Undoes an archive, unless the external id has since been given to another customer. */
    public Customer restore(UUID id) {
        Customer customer = find(caller.organizationId(), id, true);
        if (customer.status != CustomerStatus.ARCHIVED) {
            throw new InvalidStateTransition(customer.status,
                    "only an archived customer can be restored; this one is " + customer.status);
        }
        if (customer.externalId != null && Customer.count(
                "organizationId = ?1 and externalId = ?2 and deletedAt is null",
                customer.organizationId, customer.externalId) > 0) {
            throw new ExternalIdConflict(customer.externalId);
        }
        Instant now = Clocks.now(clock);
        customer.status = CustomerStatus.ACTIVE;
        customer.deletedAt = null;
        touch(customer, now);
        em.flush(); // a concurrent reuse of the external id fails here, on the unique index
        events.record(customer.organizationId, customer.id, now, null, new CustomerEvents.Restored());
        return written(customer);
    }

    /** Loads a customer of the organization, optionally locking its row; 404 when absent. */
    public Customer find(UUID organizationId, UUID id, boolean lock) {
        var query = Customer.<Customer> find("organizationId = ?1 and id = ?2", organizationId, id);
        if (lock) {
            query = query.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        Customer customer = query.firstResult();
        if (customer == null) {
            throw new CustomerNotFound(id);
        }
        return customer;
    }

    /**
     * Flips the customer and every one of its wallets between PREPAID and POSTPAID, in one
     * transaction (customer row locked first, then its wallets in id order). Moves no money and
     * recomputes no balance. Setting the mode the customer already has writes nothing.
     */
    public Customer changeMode(UUID id, BillingMode mode, String reason, Integer expectedVersion) {
        Customer customer = find(caller.organizationId(), id, true);
        requireLive(customer, "change the mode of");
        checkVersion(customer, expectedVersion);
        if (customer.mode == mode) {
            return written(customer);
        }
        Instant now = Clocks.now(clock);
        BillingMode from = customer.mode;
        customer.mode = mode;
        touch(customer, now);
        List<String> walletIds = wallets.modeChanged(customer, now);
        events.record(customer.organizationId, customer.id, now, reason,
                new CustomerEvents.ModeChanged(from, mode, walletIds));
        return written(customer);
    }

    // --- the VAT verdict, decided by the tax feature -----------------------------------------------

    /**
     * Sets the VAT verdict fields as part of a write of the customer already in progress (its VAT
     * number just changed): no version of its own.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setVatValidation(Customer customer, VatValidationStatus status, Instant overrideExpiresAt) {
        customer.vatValidationStatus = status.name();
        customer.vatOverrideExpiresAt = overrideExpiresAt;
    }

    /** A new VAT verdict (a check's answer, an override, its end): a change of the customer, version + 1. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changeVatValidation(Customer customer, VatValidationStatus status, Instant overrideExpiresAt,
            Instant now) {
        setVatValidation(customer, status, overrideExpiresAt);
        touch(customer, now);
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * When no live customer holds an external id but a merged one did: the live customer at the end
     * of its merged_into chain, locked; null when there is none (the chain ends at an archived one).
     * Asked after a successful claim, so a merge that committed while the claim waited is seen.
     */
    private Customer mergedSurvivor(UUID org, String externalId) {
        List<?> pointer = em.createNativeQuery(MERGED_POINTER).setParameter(1, org).setParameter(2, externalId)
                .getResultList();
        UUID next = pointer.isEmpty() ? null : UUID.fromString((String) pointer.get(0));
        for (int hop = 0; next != null && hop < 1000; hop++) {
            Object[] row = (Object[]) em.createNativeQuery(STATUS_AND_POINTER).setParameter(1, org)
                    .setParameter(2, next).getSingleResult();
            if (CustomerStatus.MERGED.name().equals(row[0])) {
                next = UUID.fromString((String) row[1]); // merged customers never change: no lock
                continue;
            }
            Customer candidate = find(org, next, true);
            if (candidate.status != CustomerStatus.MERGED) {
                return candidate.status.live() ? candidate : null;
            }
            next = candidate.mergedIntoCustomerId; // merged while we waited for the lock
        }
        return null;
    }

    /**
     * The last step of each public write: the customers it changed are final, the features that
     * derive from them (the tax treatment) write what follows, in this transaction.
     */
    private <T> T written(T result) {
        written.fire(CustomersWritten.INSTANCE);
        // the answer's tax profile is read by JDBC (CustomerReads), in an idempotent write before its
        // commit, on the transaction's connection: the rows must be written by then (no extra
        // statement: the commit would flush them anyway)
        em.flush();
        return result;
    }

    /** A change of the customer: version + 1, and the features that derive from it are told. */
    private void touch(Customer customer, Instant now) {
        customer.touch(now);
        customerChanged.fire(new CustomerChanged(customer, false));
    }

    /** The tax treatment announced for the customer (no version of its own: it is derived). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setTaxTreatment(Customer customer, Map<String, Object> treatment) {
        customer.taxTreatment = treatment;
    }

    /**
     * The new customer is final here (its fields, identifiers and VAT verdict): the features that
     * derive from it write what follows (the tax treatment) before anything flushes the row, so the
     * row is written once, with them (not an INSERT and then an UPDATE: issue 16). Then its wallet
     * and its event; {@code persist}: the row is persisted here, final.
     */
    private Customer opened(Customer customer, boolean persist) {
        announceCreated(customer);
        if (persist) {
            customer.persist();
        }
        return open(customer);
    }

    /** The features that derive from the new, final customer set what they derive on it (the tax treatment). */
    private void announceCreated(Customer customer) {
        customerChanged.fire(new CustomerChanged(customer, true));
        written.fire(CustomersWritten.INSTANCE);
    }

    /** The new customer's row is written (or persisted): its primary wallet and its event. */
    private Customer open(Customer customer) {
        wallets.customerOpened(customer, caller.defaultCurrency(), customer.createdAt);
        events.record(customer.organizationId, customer.id, customer.createdAt, null,
                new CustomerEvents.Created(CustomerSnapshot.of(customer).asCreated(UNTRACKED_ON_CREATE)));
        return customer;
    }

    private Customer update(Customer customer, CustomerInput input, Integer expectedVersion) {
        requireLive(customer, "update");
        checkVersion(customer, expectedVersion);
        Snapshot before = CustomerSnapshot.of(customer);
        int versionBefore = customer.version;
        apply(customer, input, false);
        taxIdsSet(customer, input, false);
        vatNumberSet(customer, input.autoValidateVat(), (String) before.get("vat_number"));
        Map<String, Object> changes = before.changesTo(CustomerSnapshot.of(customer), UNTRACKED);
        if (changes.isEmpty()) {
            return customer;
        }
        Object typeChange = changes.remove("customer_type");
        if (typeChange != null && input.reason() == null) {
            throw new DomainException(ErrorCode.REASON_REQUIRED,
                    "changing customer_type is an accounting decision: send a top-level reason with it");
        }
        Instant now = Clocks.now(clock);
        if (customer.version == versionBefore) { // the tax feature may have counted this write already
            touch(customer, now);
        }
        em.flush(); // constraint violations (a taken external id) surface here, inside the transaction
        String reason = input.reason();
        if (typeChange != null) {
            events.record(customer.organizationId, customer.id, now, reason, new CustomerEvents.TypeChanged(
                    CustomerType.valueOf((String) before.get("customer_type")), customer.customerType,
                    customer.billingCountry));
        }
        Map<String, Object> providerChanges = new LinkedHashMap<>();
        for (String field : List.of("preferred_provider", "disabled_providers")) {
            if (changes.containsKey(field)) {
                providerChanges.put(field, changes.remove(field));
            }
        }
        if (!providerChanges.isEmpty()) {
            events.record(customer.organizationId, customer.id, now, reason,
                    new CustomerEvents.PaymentProvidersChanged(providerChanges));
        }
        if (!changes.isEmpty()) {
            Map<String, Object> wallet = changes.containsKey("preferred_currency")
                    ? wallets.currencyChanged(customer, caller.defaultCurrency(), now)
                    : Map.of();
            events.record(customer.organizationId, customer.id, now, reason,
                    new CustomerEvents.Updated(changes, wallet));
        }
        return customer;
    }

    /**
     * Sets the primary VAT number as part of a write of the customer already in progress (the tax
     * feature resolving a write's {@code tax_ids}): no version or event of its own, the write's
     * own change record lists it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setVatNumber(Customer customer, String vatNumber) {
        String vat = VatNumbers.normalize(vatNumber);
        if (!Objects.equals(vat, customer.vatNumber)) {
            customer.vatNumber = vat;
            customer.vatValidationStatus = VatValidationStatus.UNVALIDATED.name();
            customer.vatNumberSetAt = vat == null ? null : Clocks.now(clock);
        }
    }

    /**
     * Something the customer's answer shows changed outside its own row (a tax identifier, its
     * verification): version + 1, so the ETag moves.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(Customer customer, Instant now) {
        touch(customer, now);
    }

    /** Lets the tax feature replace the customer's identifiers with the write's {@code tax_ids}. */
    private void taxIdsSet(Customer customer, CustomerInput input, boolean creating) {
        if (input.has(CustomerField.TAX_IDS)) {
            em.flush(); // the identifiers' rows reference the customer row
            taxIdsWritten.fire(new TaxIdsWritten(customer, input.taxIds() == null ? List.of() : input.taxIds(),
                    input.has(CustomerField.VAT_NUMBER), input.autoValidateVat(), creating));
        }
    }

    /** Lets the tax feature queue the automatic check (and end an override of the old number). */
    private void vatNumberSet(Customer customer, Boolean autoValidateVat, String before) {
        if (!Objects.equals(before, customer.vatNumber)) {
            vatNumberChanged.fire(new VatNumberChanged(customer, autoValidateVat));
        }
    }

    private void applyNew(Customer customer, CustomerInput input) {
        customer.customerType = CustomerType.UNKNOWN;
        customer.mode = BillingMode.POSTPAID;
        apply(customer, input, true);
    }

    /** Copies the fields the write carries; absent fields stay, {@code null} clears an optional one. */
    private void apply(Customer c, CustomerInput in, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        if (in.has(CustomerField.EXTERNAL_ID)) {
            c.externalId = in.externalId();
        }
        if (in.has(CustomerField.NAME)) {
            c.name = required(in.name(), CustomerField.NAME, errors, c.name);
        }
        if (in.has(CustomerField.EMAIL)) {
            c.email = in.email();
        }
        if (in.has(CustomerField.LOCALE)) {
            c.locale = in.locale();
        }
        if (in.has(CustomerField.STATUS)) {
            CustomerStatus status = required(in.status(), CustomerField.STATUS, errors, c.status);
            if (!status.live()) {
                throw new InvalidStateTransition(c.status, status == CustomerStatus.ARCHIVED
                        ? "archive a customer with DELETE /v1/customers/{id}"
                        : "a customer becomes MERGED only through POST /v1/customers/merge");
            }
            c.status = status;
        }
        if (in.has(CustomerField.CUSTOMER_TYPE)) {
            c.customerType = required(in.customerType(), CustomerField.CUSTOMER_TYPE, errors, c.customerType);
        }
        if (in.has(CustomerField.BILLING_MODEL)) {
            c.billingModel = in.billingModel();
        }
        if (in.has(CustomerField.MODE)) {
            BillingMode mode = required(in.mode(), CustomerField.MODE, errors, c.mode);
            if (!creating && mode != c.mode) {
                throw new DomainException(ErrorCode.MODE_CHANGE_NOT_ALLOWED,
                        "the mode of an existing customer changes only through POST /v1/customers/{id}/billing-mode");
            }
            c.mode = mode;
        }
        if (in.has(CustomerField.PREFERRED_CURRENCY)) {
            c.preferredCurrency = in.preferredCurrency();
        }
        if (in.has(CustomerField.PAYMENT_TERMS_DAYS)) {
            c.paymentTermsDays = in.paymentTermsDays();
        }
        if (in.has(CustomerField.PEPPOL_ID)) {
            c.peppolId = in.peppolId();
        }
        if (in.has(CustomerField.PREFER_EINVOICE)) {
            c.preferEinvoice = required(in.preferEinvoice(), CustomerField.PREFER_EINVOICE, errors, c.preferEinvoice);
        }
        if (in.has(CustomerField.EINVOICE_EMAIL)) {
            c.einvoiceEmail = in.einvoiceEmail();
        }
        if (in.has(CustomerField.PREFERRED_PROVIDER)) {
            c.preferredProvider = in.preferredProvider();
        }
        if (in.has(CustomerField.DISABLED_PROVIDERS)) {
            c.disabledProviders = folded(in.disabledProviders());
        }
        if (in.has(CustomerField.DEFAULT_CREDIT_LIMIT)) {
            c.defaultCreditLimit = in.defaultCreditLimit();
        }
        if (in.has(CustomerField.DEFAULT_MAX_BALANCE)) {
            c.defaultMaxBalance = in.defaultMaxBalance();
        }
        if (in.has(CustomerField.DEFAULT_MAX_SINGLE_CREDIT)) {
            c.defaultMaxSingleCredit = in.defaultMaxSingleCredit();
        }
        if (in.has(CustomerField.DEFAULT_LOW_BALANCE_THRESHOLD)) {
            c.defaultLowBalanceThreshold = in.defaultLowBalanceThreshold();
        }
        if (in.has(CustomerField.DEFAULT_AUTO_TOPUP_ENABLED)) {
            c.defaultAutoTopupEnabled = required(in.defaultAutoTopupEnabled(), CustomerField.DEFAULT_AUTO_TOPUP_ENABLED,
                    errors, c.defaultAutoTopupEnabled);
        }
        if (in.has(CustomerField.DEFAULT_AUTO_TOPUP_AMOUNT)) {
            c.defaultAutoTopupAmount = in.defaultAutoTopupAmount();
        }
        if (in.has(CustomerField.VAT_NUMBER)) {
            String vat = VatNumbers.normalize(in.vatNumber());
            if (!Objects.equals(vat, c.vatNumber)) {
                c.vatNumber = vat;
                c.vatNumberSetAt = vat == null ? null : Clocks.now(clock);
                // a changed number never keeps the old number's verdict
                c.vatValidationStatus = VatValidationStatus.UNVALIDATED.name();
            }
        }
        if (in.has(CustomerField.VAT_VALIDATION_DISABLED)) {
            c.vatValidationDisabled = required(in.vatValidationDisabled(), CustomerField.VAT_VALIDATION_DISABLED, errors,
                    c.vatValidationDisabled);
        }
        if (in.has(CustomerField.VAT_VALIDATION_DISABLED_REASON)) {
            c.vatValidationDisabledReason = in.vatValidationDisabledReason();
        }
        if (in.has(CustomerField.BILLING_ADDRESS)) {
            Address a = in.billingAddress();
            c.billingLine1 = a == null ? null : a.line1();
            c.billingLine2 = a == null ? null : a.line2();
            c.billingCity = a == null ? null : a.city();
            c.billingPostalCode = a == null ? null : a.postalCode();
            c.billingRegion = a == null ? null : a.region();
            c.billingCountry = a == null ? null : a.country();
        }
        if (in.has(CustomerField.TAGS)) {
            c.tags = folded(in.tags());
        }
        if (in.has(CustomerField.METADATA)) {
            c.metadata = in.metadata() == null ? Map.of() : new LinkedHashMap<>(in.metadata());
        }
        if (creating || in.has(CustomerField.CUSTOM_FIELDS)) {
            applyCustomFields(c, in, creating, errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        if (in.has(CustomerField.PREFERRED_PROVIDER) || in.has(CustomerField.DISABLED_PROVIDERS)) {
            providers.check(c, in.has(CustomerField.PREFERRED_PROVIDER), in.has(CustomerField.DISABLED_PROVIDERS));
        }
    }

    /**
     * Merges the custom field values sent into the customer's, checked against the definitions
     * (read under the lock taken by {@link #create} or {@link #update(UUID, CustomerInput, Integer)});
     * every live required field must have a value after a create or a write of custom_fields.
     */
    private void applyCustomFields(Customer c, CustomerInput in, boolean creating, List<FieldError> errors) {
        if (in.has(CustomerField.CUSTOM_FIELDS) && in.customFields() == null) {
            errors.add(new FieldError(CustomerField.CUSTOM_FIELDS.key(),
                    "must be an object; send a key as null to remove that key's value"));
            return;
        }
        Map<String, Object> values = customFields.merge(customFields.definitions(c.organizationId), c.customFields,
                in.has(CustomerField.CUSTOM_FIELDS) ? in.customFields() : null, true, errors);
        if (!values.equals(c.customFields)) {
            c.customFields = values;
        }
    }

    private static <T> T required(T value, CustomerField field, List<FieldError> errors, T current) {
        if (value == null) {
            errors.add(new FieldError(field.key(), "must not be null"));
            return current;
        }
        return value;
    }

    /** Duplicates folded, first occurrence kept. */
    private static String[] folded(List<String> values) {
        return values == null ? new String[0] : new LinkedHashSet<>(values).toArray(String[]::new);
    }

    private static void requireLive(Customer customer, String operation) {
        if (!customer.status.live()) {
            throw new InvalidStateTransition(customer.status,
                    "cannot " + operation + " a customer that is " + customer.status);
        }
    }

    private static void checkVersion(Customer customer, Integer expected) {
        if (expected != null && expected != customer.version) {
            throw new VersionConflict(expected, customer.version);
        }
    }
}
