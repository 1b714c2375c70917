package eu.billing.customers.customer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import eu.billing.customers.platform.audit.Snapshot;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;

/**
 * The customers' side of a merge (docs/merge.md), for {@code merge/MergeService}: both rows locked,
 * the combined profile decided before anything is written, then written: the target takes the
 * union of tags, the merged metadata and (FILL_FROM_SOURCE) the source's values of its empty
 * fields; the source ends MERGED, pointing at the target. Runs in the merge's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CustomerMerge {

    /** The most tags and metadata keys a customer may have (the limits of the customer API). */
    static final int MAX_TAGS = 50;
    static final int MAX_METADATA_KEYS = 50;

    /** A merge's changes never list what every write moves. */
    private static final Set<String> UNTRACKED = Set.of("version", "updated_at");

    /** Both customers, locked in id order: two merges of the same pair can never deadlock. */
    private static final String LOCK_CUSTOMERS = """
            SELECT CAST(id AS varchar) FROM customers
            WHERE organization_id = ?1 AND id IN (?2, ?3)
            ORDER BY id
            FOR UPDATE""";

    private final EntityManager em;
    private final CustomerService customers;
    private final Event<VatNumberChanged> vatNumberChanged;

    private final Event<CustomerChanged> customerChanged;

    public CustomerMerge(EntityManager em, CustomerService customers, Event<VatNumberChanged> vatNumberChanged,
            Event<CustomerChanged> customerChanged) {
        this.customerChanged = customerChanged;
        this.em = em;
        this.customers = customers;
        this.vatNumberChanged = vatNumberChanged;
    }

    /** What the merge will write: decided before the first write, so that a refusal changes nothing. */
    public record Plan(Customer source, Customer target, boolean fillFromSource, String[] tags,
            Map<String, String> metadata, Map<String, Object> customFields) {
    }

    /** What it wrote: each customer's changes, for its {@code customer.merged} event. */
    public record Outcome(Map<String, Object> targetChanges, Map<String, Object> sourceChanges,
            boolean currencyFilled) {
    }

    /**
     * Locks both customers (in id order), checks that both are live, and decides the combined
     * tags and metadata; refuses when they would exceed the customer's limits.
     */
    public Plan plan(UUID organizationId, UUID sourceId, UUID targetId, boolean fillFromSource) {
        em.createNativeQuery(LOCK_CUSTOMERS)
                .setParameter(1, organizationId).setParameter(2, sourceId).setParameter(3, targetId)
                .getResultList();
        Customer source = customers.find(organizationId, sourceId, false);
        Customer target = customers.find(organizationId, targetId, false);
        requireMergeable(source, "source");
        requireMergeable(target, "target");
        return new Plan(source, target, fillFromSource, unionTags(target, source), mergeMetadata(target, source),
                mergeCustomFields(target, source));
    }

    /**
     * Writes the plan. A VAT number filled from the source is checked like one set by PATCH (the
     * tax feature queues the check). Flushes: the source has left the live external ids when this
     * returns.
     */
    public Outcome apply(Plan plan, Instant now) {
        Customer target = plan.target();
        Customer source = plan.source();
        Snapshot before = CustomerSnapshot.of(target);
        String vatNumber = target.vatNumber;
        boolean currencyFilled = plan.fillFromSource() && fillFromSource(target, source);
        target.tags = plan.tags();
        target.metadata = plan.metadata();
        if (!plan.customFields().equals(target.customFields)) {
            target.customFields = plan.customFields();
        }
        target.touch(now);
        customerChanged.fire(new CustomerChanged(target, false));
        if (target.vatNumber != null && !target.vatNumber.equals(vatNumber)) {
            vatNumberChanged.fire(new VatNumberChanged(target, null));
        }
        Map<String, Object> targetChanges = before.changesTo(CustomerSnapshot.of(target), UNTRACKED);

        Snapshot sourceBefore = CustomerSnapshot.of(source);
        source.status = CustomerStatus.MERGED;
        source.deletedAt = now;
        source.mergedIntoCustomerId = target.id;
        source.touch(now);
        Map<String, Object> sourceChanges = sourceBefore.changesTo(CustomerSnapshot.of(source), UNTRACKED);
        em.flush(); // the source leaves the live external ids before anything else reads customers
        return new Outcome(targetChanges, sourceChanges, currencyFilled);
    }

    private static void requireMergeable(Customer customer, String role) {
        if (!customer.status.live()) {
            throw new InvalidStateTransition(customer.status,
                    "the " + role + " customer " + customer.id + " is " + customer.status + " and cannot be merged");
        }
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
     * Custom fields, with either strategy: the target keeps its values and takes the source's for
     * the keys it lacks (KEEP_TARGET keeps what the target has; FILL_FROM_SOURCE fills what it lacks,
     * as for the other fields). Values of archived definitions move too: they are the customer's data.
     */
    private static Map<String, Object> mergeCustomFields(Customer target, Customer source) {
        Map<String, Object> merged = new java.util.TreeMap<>(source.customFields);
        merged.putAll(target.customFields);
        return merged;
    }

    /**
     * FILL_FROM_SOURCE: each profile field of the target that is null (an empty list, for
     * disabled_providers; all of it, for the billing address) takes the source's value. Identity,
     * lifecycle and accounting fields are never filled: external_id, status, customer_type, mode,
     * and the VAT verdict (a filled VAT number starts UNVALIDATED, then is checked). Answers whether
     * the preferred currency was filled, since the primary wallet must then follow it.
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
            t.vatValidationStatus = VatValidationStatus.UNVALIDATED.name();
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
}
