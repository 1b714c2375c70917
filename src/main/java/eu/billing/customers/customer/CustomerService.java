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

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.customer.rest.BillingAddress;
import eu.billing.customers.customer.rest.CustomerFields;
import eu.billing.customers.customer.rest.CustomerView;
import eu.billing.customers.events.EventLog;
import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.json.JsonInput.Bound;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.problem.FieldError;
import eu.billing.customers.platform.problem.ValidationFailed;
import eu.billing.customers.platform.tenancy.Caller;
import eu.billing.customers.platform.validation.VatNumbers;
import eu.billing.customers.wallet.Wallets;

/**
 * Creating, upserting, updating, archiving and restoring customers. Each public method is one
 * transaction: the customer, its wallet and its event commit together or not at all.
 */
@ApplicationScoped
@Transactional
public class CustomerService {

    /** Fields a client never writes through the customer endpoints. */
    public static final Set<String> READ_ONLY = Set.of("id", "organization_id", "created_at", "updated_at",
            "deleted_at", "version", "vat_validation_status", "merged_into_customer_id");

    /** Insert that claims an external id; the partial unique index decides who wins a race. */
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

    private static final Set<String> UNTRACKED = Set.of("version", "created_at", "updated_at", "deleted_at");
    private static final Set<String> IDENTITY = Set.of("id", "organization_id");

    private final EntityManager em;
    private final Caller caller;
    private final Wallets wallets;
    private final EventLog events;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final PaymentProviders providers;
    private final Event<VatNumberChanged> vatNumberChanged;

    public CustomerService(EntityManager em, Caller caller, Wallets wallets, EventLog events, Clock clock,
            ObjectMapper mapper, PaymentProviders providers, Event<VatNumberChanged> vatNumberChanged) {
        this.providers = providers;
        this.em = em;
        this.caller = caller;
        this.wallets = wallets;
        this.events = events;
        this.clock = clock;
        this.mapper = mapper;
        this.vatNumberChanged = vatNumberChanged;
    }

    /** The outcome of POST /v1/customers: the customer, and whether it was created (else upserted). */
    public record Saved(Customer customer, boolean created) {
    }

    /**
     * Creates a customer with its primary wallet, or, when {@code external_id} names a live
     * customer of the organization, applies the given fields to it (idempotent upsert).
     */
    public Saved create(Bound<CustomerFields> input) {
        CustomerFields fields = input.value();
        if (fields.name() == null) {
            throw ValidationFailed.of("name", "is required");
        }
        UUID org = caller.organizationId();
        if (fields.externalId() == null) {
            Customer customer = new Customer();
            customer.id = Ids.newId();
            customer.organizationId = org;
            customer.status = CustomerStatus.ACTIVE;
            customer.version = 1;
            customer.createdAt = Clocks.now(clock);
            customer.updatedAt = customer.createdAt;
            applyNew(customer, input);
            customer.persist();
            vatNumberSet(customer, input, null);
            return new Saved(opened(customer), true);
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            UUID id = Ids.newId();
            Instant now = Clocks.now(clock);
            int claimed = em.createNativeQuery(CLAIM_EXTERNAL_ID)
                    .setParameter(1, org).setParameter(2, id).setParameter(3, fields.externalId())
                    .setParameter(4, fields.name()).setParameter(5, now)
                    .executeUpdate();
            if (claimed == 1) {
                Customer survivor = mergedSurvivor(org, fields.externalId());
                if (survivor != null) {
                    // the id was a merged customer's: the upsert goes to the customer it was merged into
                    em.createNativeQuery(UNCLAIM).setParameter(1, org).setParameter(2, id).executeUpdate();
                    return new Saved(update(survivor, withoutExternalId(input), null), false);
                }
                Customer customer = find(org, id, false);
                applyNew(customer, input);
                vatNumberSet(customer, input, null);
                return new Saved(opened(customer), true);
            }
            Customer existing = Customer.<Customer> find(
                    "organizationId = ?1 and externalId = ?2 and deletedAt is null", org, fields.externalId())
                    .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
            if (existing != null) {
                return new Saved(update(existing, input, null), false);
            }
            // the holder was archived between our insert and our read: claim again
        }
        throw new ExternalIdConflict(fields.externalId());
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
    public Customer update(UUID id, Bound<CustomerFields> input, Integer expectedVersion) {
        return update(find(caller.organizationId(), id, true), input, expectedVersion);
    }

    /** Soft delete: ARCHIVED, deleted_at set, external id free. Archiving an archived customer is a no-op. */
    public Customer archive(UUID id, Integer expectedVersion) {
        Customer customer = find(caller.organizationId(), id, true);
        if (customer.status == CustomerStatus.ARCHIVED) {
            return customer;
        }
        requireLive(customer, "archive");
        checkVersion(customer, expectedVersion);
        Instant now = Clocks.now(clock);
        CustomerStatus from = customer.status;
        customer.status = CustomerStatus.ARCHIVED;
        customer.deletedAt = now;
        touch(customer, now);
        events.record(EventLog.CUSTOMER_ARCHIVED, customer.organizationId, customer.id, now, null,
                Map.of("changes", Map.of("status", change(from.name(), customer.status.name()))));
        return customer;
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
        events.record(EventLog.CUSTOMER_RESTORED, customer.organizationId, customer.id, now, null,
                Map.of("changes", Map.of("status", change(CustomerStatus.ARCHIVED.name(), CustomerStatus.ACTIVE.name()))));
        return customer;
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
            return customer;
        }
        Instant now = Clocks.now(clock);
        BillingMode from = customer.mode;
        customer.mode = mode;
        touch(customer, now);
        List<String> walletIds = new ArrayList<>();
        for (var wallet : wallets.lockAll(customer.organizationId, customer.id)) {
            wallet.mode = mode;
            wallet.updatedAt = now;
            walletIds.add(wallet.id.toString());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", from.name());
        data.put("to", mode.name());
        data.put("wallet_ids", walletIds);
        events.record(EventLog.CUSTOMER_MODE_CHANGED, customer.organizationId, customer.id, now, reason, data);
        return customer;
    }

    /**
     * The event of a customer_type change. {@code corrective_invoice_candidate} is true exactly for
     * UNKNOWN to BUSINESS with an EU billing country: earlier invoices may deserve a review.
     */
    private void recordTypeChange(Customer customer, CustomerType from, String reason, Instant now) {
        boolean candidate = from == CustomerType.UNKNOWN && customer.customerType == CustomerType.BUSINESS
                && EuMemberStates.contains(customer.billingCountry);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", from.name());
        data.put("to", customer.customerType.name());
        data.put("billing_country", customer.billingCountry);
        data.put("corrective_invoice_candidate", candidate);
        events.record(EventLog.CUSTOMER_TYPE_CHANGED, customer.organizationId, customer.id, now, reason, data);
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

    /** The survivor keeps its own external id. */
    private static Bound<CustomerFields> withoutExternalId(Bound<CustomerFields> input) {
        Set<String> present = new LinkedHashSet<>(input.present());
        present.remove("external_id");
        return new Bound<>(input.value(), present);
    }

    private Customer opened(Customer customer) {
        wallets.openPrimary(customer, caller.defaultCurrency(), customer.createdAt);
        Map<String, Object> snapshot = snapshot(customer);
        Map<String, Object> changes = new LinkedHashMap<>();
        snapshot.forEach((field, value) -> {
            if (value != null && !UNTRACKED.contains(field) && !IDENTITY.contains(field) && !isEmptyValue(value)) {
                changes.put(field, change(null, value));
            }
        });
        events.record(EventLog.CUSTOMER_CREATED, customer.organizationId, customer.id, customer.createdAt, null,
                Map.of("changes", changes));
        return customer;
    }

    private Customer update(Customer customer, Bound<CustomerFields> input, Integer expectedVersion) {
        requireLive(customer, "update");
        checkVersion(customer, expectedVersion);
        Map<String, Object> before = snapshot(customer);
        apply(customer, input, false);
        vatNumberSet(customer, input, (String) before.get("vat_number"));
        Map<String, Object> after = snapshot(customer);
        Map<String, Object> changes = new LinkedHashMap<>();
        after.forEach((field, value) -> {
            if (!UNTRACKED.contains(field) && !Objects.equals(before.get(field), value)) {
                changes.put(field, change(before.get(field), value));
            }
        });
        if (changes.isEmpty()) {
            return customer;
        }
        Object typeChange = changes.remove("customer_type");
        if (typeChange != null && input.value().reason() == null) {
            throw new DomainException(ErrorCode.REASON_REQUIRED,
                    "changing customer_type is an accounting decision: send a top-level reason with it");
        }
        Instant now = Clocks.now(clock);
        touch(customer, now);
        em.flush(); // constraint violations (a taken external id) surface here, inside the transaction
        String reason = input.value().reason();
        if (typeChange != null) {
            recordTypeChange(customer, CustomerType.valueOf((String) before.get("customer_type")), reason, now);
        }
        Map<String, Object> providerChanges = new LinkedHashMap<>();
        for (String field : List.of("preferred_provider", "disabled_providers")) {
            if (changes.containsKey(field)) {
                providerChanges.put(field, changes.remove(field));
            }
        }
        if (!providerChanges.isEmpty()) {
            events.record(EventLog.CUSTOMER_PAYMENT_PROVIDERS_CHANGED, customer.organizationId, customer.id, now,
                    reason, Map.of("changes", providerChanges));
        }
        if (!changes.isEmpty()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("changes", changes);
            if (changes.containsKey("preferred_currency")) {
                Map<String, Object> wallet = wallets.followCurrency(customer, caller.defaultCurrency(), now);
                if (!wallet.isEmpty()) {
                    data.put("wallet", wallet);
                }
            }
            events.record(EventLog.CUSTOMER_UPDATED, customer.organizationId, customer.id, now, reason, data);
        }
        return customer;
    }

    /** Lets the vat package queue the automatic check (and end an override of the old number). */
    private void vatNumberSet(Customer customer, Bound<CustomerFields> input, String before) {
        if (!Objects.equals(before, customer.vatNumber)) {
            vatNumberChanged.fire(new VatNumberChanged(customer, input.value().autoValidateVat()));
        }
    }

    private void applyNew(Customer customer, Bound<CustomerFields> input) {
        customer.customerType = CustomerType.UNKNOWN;
        customer.mode = BillingMode.POSTPAID;
        apply(customer, input, true);
    }

    /** Copies the fields the client sent; absent fields stay, {@code null} clears an optional one. */
    private void apply(Customer c, Bound<CustomerFields> in, boolean creating) {
        CustomerFields f = in.value();
        List<FieldError> errors = new ArrayList<>();
        if (in.has("external_id")) {
            c.externalId = f.externalId();
        }
        if (in.has("name")) {
            c.name = required(f.name(), "name", errors, c.name);
        }
        if (in.has("email")) {
            c.email = f.email();
        }
        if (in.has("locale")) {
            c.locale = f.locale();
        }
        if (in.has("status")) {
            CustomerStatus status = required(f.status(), "status", errors, c.status);
            if (!status.live()) {
                throw new InvalidStateTransition(c.status, status == CustomerStatus.ARCHIVED
                        ? "archive a customer with DELETE /v1/customers/{id}"
                        : "a customer becomes MERGED only through POST /v1/customers/merge");
            }
            c.status = status;
        }
        if (in.has("customer_type")) {
            c.customerType = required(f.customerType(), "customer_type", errors, c.customerType);
        }
        if (in.has("billing_model")) {
            c.billingModel = f.billingModel();
        }
        if (in.has("mode")) {
            BillingMode mode = required(f.mode(), "mode", errors, c.mode);
            if (!creating && mode != c.mode) {
                throw new DomainException(ErrorCode.MODE_CHANGE_NOT_ALLOWED,
                        "the mode of an existing customer changes only through POST /v1/customers/{id}/billing-mode");
            }
            c.mode = mode;
        }
        if (in.has("preferred_currency")) {
            c.preferredCurrency = f.preferredCurrency();
        }
        if (in.has("payment_terms_days")) {
            c.paymentTermsDays = f.paymentTermsDays();
        }
        if (in.has("peppol_id")) {
            c.peppolId = f.peppolId();
        }
        if (in.has("prefer_einvoice")) {
            c.preferEinvoice = required(f.preferEinvoice(), "prefer_einvoice", errors, c.preferEinvoice);
        }
        if (in.has("einvoice_email")) {
            c.einvoiceEmail = f.einvoiceEmail();
        }
        if (in.has("preferred_provider")) {
            c.preferredProvider = f.preferredProvider();
        }
        if (in.has("disabled_providers")) {
            c.disabledProviders = folded(f.disabledProviders());
        }
        if (in.has("default_credit_limit")) {
            c.defaultCreditLimit = f.defaultCreditLimit();
        }
        if (in.has("default_max_balance")) {
            c.defaultMaxBalance = f.defaultMaxBalance();
        }
        if (in.has("default_max_single_credit")) {
            c.defaultMaxSingleCredit = f.defaultMaxSingleCredit();
        }
        if (in.has("default_low_balance_threshold")) {
            c.defaultLowBalanceThreshold = f.defaultLowBalanceThreshold();
        }
        if (in.has("default_auto_topup_enabled")) {
            c.defaultAutoTopupEnabled = required(f.defaultAutoTopupEnabled(), "default_auto_topup_enabled", errors,
                    c.defaultAutoTopupEnabled);
        }
        if (in.has("default_auto_topup_amount")) {
            c.defaultAutoTopupAmount = f.defaultAutoTopupAmount();
        }
        if (in.has("vat_number")) {
            String vat = VatNumbers.normalize(f.vatNumber());
            if (!Objects.equals(vat, c.vatNumber)) {
                c.vatNumber = vat;
                // a changed number never keeps the old number's verdict
                c.vatValidationStatus = "UNVALIDATED";
            }
        }
        if (in.has("vat_validation_disabled")) {
            c.vatValidationDisabled = required(f.vatValidationDisabled(), "vat_validation_disabled", errors,
                    c.vatValidationDisabled);
        }
        if (in.has("vat_validation_disabled_reason")) {
            c.vatValidationDisabledReason = f.vatValidationDisabledReason();
        }
        if (in.has("billing_address")) {
            BillingAddress a = f.billingAddress();
            c.billingLine1 = a == null ? null : a.line1();
            c.billingLine2 = a == null ? null : a.line2();
            c.billingCity = a == null ? null : a.city();
            c.billingPostalCode = a == null ? null : a.postalCode();
            c.billingRegion = a == null ? null : a.region();
            c.billingCountry = a == null ? null : a.country();
        }
        if (in.has("tags")) {
            c.tags = folded(f.tags());
        }
        if (in.has("metadata")) {
            c.metadata = f.metadata() == null ? Map.of() : new LinkedHashMap<>(f.metadata());
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        if (in.has("preferred_provider") || in.has("disabled_providers")) {
            providers.check(c, in.has("preferred_provider"), in.has("disabled_providers"));
        }
    }

    private static <T> T required(T value, String field, List<FieldError> errors, T current) {
        if (value == null) {
            errors.add(new FieldError(field, "must not be null"));
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

    private static void touch(Customer customer, Instant now) {
        customer.version++;
        customer.updatedAt = now;
    }

    private Map<String, Object> snapshot(Customer customer) {
        return mapper.convertValue(CustomerView.of(customer), new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    private static boolean isEmptyValue(Object value) {
        return (value instanceof List<?> l && l.isEmpty()) || (value instanceof Map<?, ?> m && m.isEmpty())
                || Boolean.FALSE.equals(value);
    }

    static Map<String, Object> change(Object before, Object after) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("before", before);
        change.put("after", after);
        return change;
    }
}
