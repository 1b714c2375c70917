package eu.billing.customers.merge;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerService;
import eu.billing.customers.customer.CustomerStatus;
import eu.billing.customers.customer.InvalidStateTransition;
import eu.billing.customers.customer.rest.CustomerView;
import eu.billing.customers.events.EventLog;
import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.tenancy.Caller;
import eu.billing.customers.wallet.Wallets;

/**
 * Folds a duplicate customer (the source) into the surviving one (the target), in one transaction:
 * both customers are locked in id order, every owned record and wallet is repointed with
 * set-based statements, the profiles are combined, the source ends MERGED with a pointer to the
 * target, and both customers get a {@code customer.merged} event. See docs/merge.md.
 */
@ApplicationScoped
@Transactional
public class MergeService {

    /** The most tags and metadata keys a customer may have (the limits of the customer API). */
    static final int MAX_TAGS = 50;
    static final int MAX_METADATA_KEYS = 50;

    /** Both customers, locked in id order: two merges of the same pair can never deadlock. */
    private static final String LOCK_CUSTOMERS = """
            SELECT CAST(id AS varchar) FROM customers
            WHERE organization_id = ?1 AND id IN (?2, ?3)
            ORDER BY id
            FOR UPDATE""";

    /** Every wallet of both customers, locked in id order before any of them is written. */
    private static final String LOCK_WALLETS = """
            SELECT CAST(id AS varchar) FROM wallets
            WHERE organization_id = ?1 AND customer_id IN (?2, ?3)
            ORDER BY id
            FOR UPDATE""";

    /**
     * Adds the balances of each open source wallet into the target's open wallet of the same
     * currency. The promotional expiry kept is the later one; an expiry only counts when its
     * wallet holds promotional money, and no expiry on a funded promotional balance means "never".
     */
    private static final String MERGE_BALANCES = """
            UPDATE wallets t
            SET cash_balance = t.cash_balance + s.cash_balance,
                held_balance = t.held_balance + s.held_balance,
                promotional_balance = t.promotional_balance + s.promotional_balance,
                promotional_balance_expires_at = CASE
                    WHEN s.promotional_balance = 0 THEN t.promotional_balance_expires_at
                    WHEN t.promotional_balance = 0 THEN s.promotional_balance_expires_at
                    WHEN t.promotional_balance_expires_at IS NULL
                        OR s.promotional_balance_expires_at IS NULL THEN NULL
                    ELSE GREATEST(t.promotional_balance_expires_at, s.promotional_balance_expires_at)
                END,
                updated_at = ?4
            FROM wallets s
            WHERE t.organization_id = ?1 AND t.customer_id = ?3 AND t.status = 'ACTIVE'
              AND s.organization_id = ?1 AND s.customer_id = ?2 AND s.status = 'ACTIVE'
              AND s.currency = t.currency
            RETURNING CAST(s.id AS varchar), CAST(t.id AS varchar), t.currency""";

    /**
     * Closes the source wallets just merged (same condition as above, so after it): balances zero,
     * not primary. Closing them first frees their (customer, currency) slot of wallets_currency_uk.
     */
    private static final String CLOSE_MERGED = """
            UPDATE wallets s
            SET status = 'CLOSED', closed_at = ?4, updated_at = ?4, is_primary = false,
                cash_balance = 0, held_balance = 0, promotional_balance = 0,
                promotional_balance_expires_at = NULL
            WHERE s.organization_id = ?1 AND s.customer_id = ?2 AND s.status = 'ACTIVE'
              AND EXISTS (SELECT 1 FROM wallets t
                          WHERE t.organization_id = ?1 AND t.customer_id = ?3 AND t.status = 'ACTIVE'
                            AND t.currency = s.currency)""";

    /**
     * Repoints every remaining source wallet to the target, never as primary (wallets_primary_uk).
     * The open ones are in currencies the target has no open wallet in (wallets_currency_uk), and
     * take the target's mode (all of a customer's wallets share its mode). The closed ones,
     * including those just merged, follow for the record.
     */
    private static final String MOVE_REST = """
            UPDATE wallets
            SET customer_id = ?3, is_primary = false, updated_at = ?4,
                mode = CASE WHEN status = 'ACTIVE' THEN ?5 ELSE mode END
            WHERE organization_id = ?1 AND customer_id = ?2
            RETURNING CAST(id AS varchar), status, currency""";

    private final EntityManager em;
    private final Caller caller;
    private final CustomerService customers;
    private final Wallets wallets;
    private final EventLog events;
    private final Clock clock;
    private final ObjectMapper mapper;

    public MergeService(EntityManager em, Caller caller, CustomerService customers, Wallets wallets,
            EventLog events, Clock clock, ObjectMapper mapper) {
        this.em = em;
        this.caller = caller;
        this.customers = customers;
        this.wallets = wallets;
        this.events = events;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** Merges the source customer into the target; refusals change nothing. */
    public Merged merge(UUID sourceId, UUID targetId, MergeStrategy strategy) {
        if (sourceId.equals(targetId)) {
            throw new DomainException(ErrorCode.MERGE_SAME_CUSTOMER,
                    "source_customer_id and target_customer_id are the same customer");
        }
        UUID org = caller.organizationId();
        em.createNativeQuery(LOCK_CUSTOMERS)
                .setParameter(1, org).setParameter(2, sourceId).setParameter(3, targetId)
                .getResultList();
        Customer source = customers.find(org, sourceId, false);
        Customer target = customers.find(org, targetId, false);
        requireMergeable(source, "source");
        requireMergeable(target, "target");

        // everything that can refuse is decided before the first write
        String[] tags = unionTags(target, source);
        Map<String, String> metadata = mergeMetadata(target, source);
        Instant now = Clocks.now(clock);

        Map<OwnedTable, Integer> counts = new EnumMap<>(OwnedTable.class);
        for (OwnedTable owned : OwnedTable.values()) {
            counts.put(owned, em.createNativeQuery(owned.repointSql())
                    .setParameter(1, org).setParameter(2, source.id).setParameter(3, target.id)
                    .executeUpdate());
        }
        Map<String, Object> walletReport = mergeWallets(org, source, target, now);
        @SuppressWarnings("unchecked")
        int merged = ((List<Object>) walletReport.get("merged")).size();
        @SuppressWarnings("unchecked")
        int moved = ((List<Object>) walletReport.get("moved")).size();

        Map<String, Object> before = snapshot(target);
        boolean currencyFilled = false;
        if (strategy == MergeStrategy.FILL_FROM_SOURCE) {
            currencyFilled = fillFromSource(target, source);
        }
        target.tags = tags;
        target.metadata = metadata;
        target.version++;
        target.updatedAt = now;
        Map<String, Object> targetChanges = changes(before, snapshot(target));

        Map<String, Object> sourceBefore = snapshot(source);
        source.status = CustomerStatus.MERGED;
        source.deletedAt = now;
        source.mergedIntoCustomerId = target.id;
        source.version++;
        source.updatedAt = now;
        Map<String, Object> sourceChanges = changes(sourceBefore, snapshot(source));
        em.flush(); // the source leaves the live external ids before anything else reads customers

        if (currencyFilled) {
            Map<String, Object> followed = wallets.followCurrency(target, caller.defaultCurrency(), now);
            if (!followed.isEmpty()) {
                walletReport.put("primary", followed);
            }
        }
        em.flush();

        Merged result = new Merged(source.id, target.id, counts, merged, moved);
        events.record(EventLog.CUSTOMER_MERGED, org, target.id, now, null,
                eventData("target", result, strategy, walletReport, targetChanges));
        events.record(EventLog.CUSTOMER_MERGED, org, source.id, now, null,
                eventData("source", result, strategy, walletReport, sourceChanges));
        return result;
    }

    // ---------------------------------------------------------------------------------------------

    private static void requireMergeable(Customer customer, String role) {
        if (!customer.status.live()) {
            throw new InvalidStateTransition(customer.status,
                    "the " + role + " customer " + customer.id + " is " + customer.status + " and cannot be merged");
        }
    }

    /**
     * Wallets, in an order that never collides with the partial unique indexes: merge balances,
     * close the merged source wallets, then move every source wallet (none as primary).
     */
    private Map<String, Object> mergeWallets(UUID org, Customer source, Customer target, Instant now) {
        em.createNativeQuery(LOCK_WALLETS)
                .setParameter(1, org).setParameter(2, source.id).setParameter(3, target.id)
                .getResultList();
        List<Map<String, Object>> merged = new ArrayList<>();
        for (Object row : em.createNativeQuery(MERGE_BALANCES)
                .setParameter(1, org).setParameter(2, source.id).setParameter(3, target.id).setParameter(4, now)
                .getResultList()) {
            Object[] r = (Object[]) row;
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("source_wallet_id", r[0]);
            pair.put("target_wallet_id", r[1]);
            pair.put("currency", r[2]);
            merged.add(pair);
        }
        int closed = em.createNativeQuery(CLOSE_MERGED)
                .setParameter(1, org).setParameter(2, source.id).setParameter(3, target.id).setParameter(4, now)
                .executeUpdate();
        if (closed != merged.size()) {
            throw new IllegalStateException("merged " + merged.size() + " wallets but closed " + closed);
        }
        Set<Object> mergedIds = new LinkedHashSet<>();
        merged.forEach(pair -> mergedIds.add(pair.get("source_wallet_id")));
        List<Map<String, Object>> moved = new ArrayList<>();
        List<Object> closedMoved = new ArrayList<>();
        for (Object row : em.createNativeQuery(MOVE_REST)
                .setParameter(1, org).setParameter(2, source.id).setParameter(3, target.id).setParameter(4, now)
                .setParameter(5, target.mode.name())
                .getResultList()) {
            Object[] r = (Object[]) row;
            if ("ACTIVE".equals(r[1])) {
                Map<String, Object> wallet = new LinkedHashMap<>();
                wallet.put("wallet_id", r[0]);
                wallet.put("currency", r[2]);
                moved.add(wallet);
            } else if (!mergedIds.contains(r[0])) {
                closedMoved.add(r[0]);
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("merged", merged);
        report.put("moved", moved);
        if (!closedMoved.isEmpty()) {
            report.put("closed_moved", closedMoved);
        }
        return report;
    }

    /** Target's tags first, then the source's it lacks. */
    private static String[] unionTags(Customer target, Customer source) {
        Set<String> union = new LinkedHashSet<>(List.of(target.tags));
        union.addAll(List.of(source.tags));
        if (union.size() > MAX_TAGS) {
            throw new DomainException(ErrorCode.MERGE_LIMIT_EXCEEDED,
                    "the merged customer would have " + union.size() + " tags; at most " + MAX_TAGS
                            + " are allowed: remove some tags from either customer first")
                    .with("field", "tags");
        }
        return union.toArray(String[]::new);
    }

    /** The source's metadata, overwritten by the target's on every key both have. */
    private static Map<String, String> mergeMetadata(Customer target, Customer source) {
        Map<String, String> merged = new LinkedHashMap<>(source.metadata);
        merged.putAll(target.metadata);
        if (merged.size() > MAX_METADATA_KEYS) {
            throw new DomainException(ErrorCode.MERGE_LIMIT_EXCEEDED,
                    "the merged customer would have " + merged.size() + " metadata keys; at most "
                            + MAX_METADATA_KEYS + " are allowed: remove some keys from either customer first")
                    .with("field", "metadata");
        }
        return merged;
    }

    /**
     * FILL_FROM_SOURCE: each profile field of the target that is null (an empty list, for
     * disabled_providers; all of it, for the billing address) takes the source's value. Identity,
     * lifecycle and accounting fields are never filled: external_id, status, customer_type, mode,
     * and the VAT verdict (a filled VAT number starts UNVALIDATED). Answers whether the preferred
     * currency was filled, since the primary wallet must then follow it.
     */
    private static boolean fillFromSource(Customer t, Customer s) {
        t.email = firstNonNull(t.email, s.email);
        t.locale = firstNonNull(t.locale, s.locale);
        t.billingModel = firstNonNull(t.billingModel, s.billingModel);
        t.paymentTermsDays = firstNonNull(t.paymentTermsDays, s.paymentTermsDays);
        t.peppolId = firstNonNull(t.peppolId, s.peppolId);
        t.einvoiceEmail = firstNonNull(t.einvoiceEmail, s.einvoiceEmail);
        t.preferredProvider = firstNonNull(t.preferredProvider, s.preferredProvider);
        if (t.disabledProviders.length == 0) {
            t.disabledProviders = s.disabledProviders.clone();
        }
        t.defaultCreditLimit = firstNonNull(t.defaultCreditLimit, s.defaultCreditLimit);
        t.defaultMaxBalance = firstNonNull(t.defaultMaxBalance, s.defaultMaxBalance);
        t.defaultMaxSingleCredit = firstNonNull(t.defaultMaxSingleCredit, s.defaultMaxSingleCredit);
        t.defaultLowBalanceThreshold = firstNonNull(t.defaultLowBalanceThreshold, s.defaultLowBalanceThreshold);
        t.defaultAutoTopupAmount = firstNonNull(t.defaultAutoTopupAmount, s.defaultAutoTopupAmount);
        if (t.vatNumber == null && s.vatNumber != null) {
            t.vatNumber = s.vatNumber;
            t.vatValidationStatus = "UNVALIDATED";
        }
        boolean noAddress = t.billingLine1 == null && t.billingLine2 == null && t.billingCity == null
                && t.billingPostalCode == null && t.billingRegion == null && t.billingCountry == null;
        if (noAddress) {
            t.billingLine1 = s.billingLine1;
            t.billingLine2 = s.billingLine2;
            t.billingCity = s.billingCity;
            t.billingPostalCode = s.billingPostalCode;
            t.billingRegion = s.billingRegion;
            t.billingCountry = s.billingCountry;
        }
        if (t.preferredCurrency == null && s.preferredCurrency != null) {
            t.preferredCurrency = s.preferredCurrency;
            return true;
        }
        return false;
    }

    private static <T> T firstNonNull(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private Map<String, Object> snapshot(Customer customer) {
        return mapper.convertValue(CustomerView.of(customer), new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    private static Map<String, Object> changes(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> changes = new LinkedHashMap<>();
        after.forEach((field, value) -> {
            if (!Set.of("version", "updated_at").contains(field) && !Objects.equals(before.get(field), value)) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("before", before.get(field));
                change.put("after", value);
                changes.put(field, change);
            }
        });
        return changes;
    }

    private static Map<String, Object> eventData(String role, Merged result, MergeStrategy strategy,
            Map<String, Object> walletReport, Map<String, Object> changes) {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (OwnedTable owned : OwnedTable.values()) {
            counts.put(owned.countField(), result.count(owned));
        }
        counts.put("wallets_merged_count", result.walletsMerged());
        counts.put("wallets_moved_count", result.walletsMoved());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("role", role);
        data.put("source_customer_id", result.sourceCustomerId().toString());
        data.put("target_customer_id", result.targetCustomerId().toString());
        data.put("strategy", strategy.name());
        data.put("counts", counts);
        data.put("wallets", walletReport);
        data.put("changes", changes);
        return data;
    }
}
