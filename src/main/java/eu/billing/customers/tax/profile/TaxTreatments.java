package eu.billing.customers.tax.profile;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerChanged;
import eu.billing.customers.customer.CustomerService;
import eu.billing.customers.customer.CustomerStatus;
import eu.billing.customers.customer.CustomersWritten;
import eu.billing.customers.events.EventLog;
import eu.billing.customers.events.EventPayload;
import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.tenancy.Organization;
import eu.billing.customers.platform.tenancy.SettingsChange.Setting;
import eu.billing.customers.platform.tenancy.SettingsChanged;
import eu.billing.customers.tax.id.TaxIdStatus;
import eu.billing.customers.tax.id.TaxIdType;
import eu.billing.customers.tax.treatment.PriceDisplay;
import eu.billing.customers.tax.treatment.TaxTreatment;
import eu.billing.customers.tax.treatment.TaxTreatmentInput;
import eu.billing.customers.tax.treatment.TaxTreatmentRules;

/**
 * A customer's tax treatment (docs/tax-treatment.md): derived by {@link TaxTreatmentRules} from the
 * customer, its identifiers and the organization's settings whenever it is answered, and announced
 * as {@code customer.tax_treatment_changed} (before and after) in the transaction of any change
 * that alters it.
 *
 * <p>How a change is seen: every write that moves a customer's version fires {@link CustomerChanged}
 * (customer writes, merges, VAT verdicts and override ends, identifier changes and their checks),
 * which only notes the customer in the transaction's {@link PendingTreatments}; the write ends with
 * {@link CustomersWritten}. A settings change notes the organization and ends with
 * {@link SettingsChanged}. Then, still inside the write (a synchronous observer, in its transaction),
 * each noted customer's treatment is derived from its final state and compared with the one last
 * announced ({@code customers.tax_treatment}); when they differ the event is written and the
 * announced one replaced. (Not at the commit: a database write in a before-completion observer
 * reopens the connection the transaction has already handed back, which Agroal then closes with a
 * warning.)
 */
@ApplicationScoped
public class TaxTreatments {

    /** The settings the treatment depends on. */
    private static final Set<Setting> TREATMENT_SETTINGS = EnumSet.of(Setting.HOME_COUNTRY,
            Setting.DEFAULT_PAYMENT_TERMS_DAYS, Setting.UNKNOWN_PRICE_DISPLAY);
    /** Customers of an organization re-derived per query after a settings change. */
    private static final int BATCH = 500;

    private final EntityManager em;
    private final Clock clock;
    private final CustomerService customers;
    private final EventLog events;
    private final TaxIdProfiles profiles;
    private final PendingTreatments pending;

    public TaxTreatments(EntityManager em, Clock clock, CustomerService customers, EventLog events,
            TaxIdProfiles profiles, PendingTreatments pending) {
        this.em = em;
        this.clock = clock;
        this.customers = customers;
        this.events = events;
        this.profiles = profiles;
        this.pending = pending;
    }

    /** The treatment of a customer now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public TaxTreatment of(Customer c, List<HeldTaxId> held) {
        Organization o = Organization.findById(c.organizationId);
        return derive(c, held, o == null ? new Organization() : o); // none: no settings, UNDETERMINED
    }

    static TaxTreatment derive(Customer c, List<HeldTaxId> held, Organization o) {
        return derive(c, held, o.homeCountry, o.paymentTermsBusiness, o.paymentTermsConsumer, o.paymentTermsUnknown,
                o.unknownPriceDisplay);
    }

    /** The same, with the organization's settings the treatment depends on. */
    static TaxTreatment derive(Customer c, List<HeldTaxId> held, String homeCountry, Integer paymentTermsBusiness,
            Integer paymentTermsConsumer, Integer paymentTermsUnknown, String unknownPriceDisplay) {
        List<TaxTreatmentInput.Identifier> identifiers = new ArrayList<>();
        for (HeldTaxId h : held) {
            identifiers.add(new TaxTreatmentInput.Identifier(TaxIdType.fromCode(h.type()).orElse(TaxIdType.OTHER),
                    h.country(), TaxIdStatus.valueOf(h.status())));
        }
        TaxTreatmentInput.Seller seller = new TaxTreatmentInput.Seller(homeCountry,
                new TaxTreatmentInput.PaymentTermsDefaults(paymentTermsBusiness, paymentTermsConsumer,
                        paymentTermsUnknown),
                unknownPriceDisplay == null ? null : PriceDisplay.valueOf(unknownPriceDisplay));
        return TaxTreatmentRules.derive(new TaxTreatmentInput(c.customerType, c.billingCountry, c.paymentTermsDays,
                identifiers, seller));
    }

    /** The treatment as the event and the announced column write it (the keys of the API's tax_treatment). */
    public static Map<String, Object> json(TaxTreatment t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", t.scheme().name());
        m.put("reasons", t.reasons().stream().map(Enum::name).toList());
        m.put("reverse_charge", t.reverseCharge());
        m.put("price_display", t.priceDisplay().name());
        m.put("payment_terms_days", t.paymentTermsDays());
        Map<String, Object> protection = new LinkedHashMap<>();
        protection.put("applies", t.consumerProtection().applies());
        protection.put("withdrawal_period_days", t.consumerProtection().withdrawalPeriodDays());
        m.put("consumer_protection", protection);
        m.put("invoice_mentions", t.invoiceMentions().stream().map(Enum::name).toList());
        return m;
    }

    // --- noting changes ---------------------------------------------------------------------------

    void onCustomerChanged(@Observes CustomerChanged changed) {
        PendingTreatments.Noted noted = pending.noted();
        Customer c = changed.customer();
        noted.customers.putIfAbsent(c.id, c);
        if (changed.created()) {
            noted.created.add(c.id);
        }
    }

    /** The last step of a settings change (in its transaction). */
    void onSettingsChanged(@Observes SettingsChanged changed) {
        if (changed.changed().stream().anyMatch(TREATMENT_SETTINGS::contains)) {
            pending.noted().organizations.add(changed.organization().id);
            announceNoted();
        }
    }

    // --- announcing, at the end of the write ------------------------------------------------------

    /** The last step of a write that may have changed customers (in its transaction). */
    void onCustomersWritten(@Observes CustomersWritten written) {
        announceNoted();
    }

    /**
     * Announces the changed treatments of what the transaction noted so far, and forgets it (a
     * later write in the same transaction notes and announces its own; a customer created in it
     * stays created).
     */
    private void announceNoted() {
        PendingTreatments.Noted noted = pending.noted();
        if (noted.customers.isEmpty() && noted.organizations.isEmpty()) {
            return;
        }
        Instant now = Clocks.now(clock);
        for (Customer c : noted.customers.values()) {
            boolean created = noted.created.contains(c.id);
            announce(c, created, created && !noted.identifiersWritten.contains(c.id), now);
        }
        for (UUID organizationId : noted.organizations) {
            reannounceAll(organizationId, noted.customers.keySet(), now);
        }
        noted.customers.clear();
        noted.organizations.clear();
        em.flush();
    }

    /**
     * After a settings change: every live customer of the organization, in id order, a batch per
     * query. One transaction (the settings change's), so the settings and the events commit together.
     */
    private void reannounceAll(UUID organizationId, Set<UUID> done, Instant now) {
        UUID after = new UUID(0L, 0L); // PostgreSQL orders uuids by their bytes: the smallest
        while (true) {
            List<Customer> batch = Customer.<Customer> find("organizationId = ?1 and status in ?2 and id > ?3 order by id",
                    organizationId, List.of(CustomerStatus.ACTIVE, CustomerStatus.SUSPENDED), after)
                    .page(0, BATCH).list();
            for (Customer c : batch) {
                if (!done.contains(c.id)) {
                    announce(c, false, false, now);
                }
            }
            if (batch.size() < BATCH) {
                return;
            }
            after = batch.get(batch.size() - 1).id;
            em.flush();
        }
    }

    /**
     * Derives the customer's treatment and announces it when it changed; {@code noRows}: the
     * customer holds no rows of tax_ids (created in this transaction without any), not queried.
     */
    private void announce(Customer c, boolean created, boolean noRows, Instant now) {
        Map<String, Object> after = json(of(c, profiles.forTreatment(c, !noRows)));
        Map<String, Object> before = c.taxTreatment;
        if (Objects.equals(before, after)) {
            return;
        }
        customers.setTaxTreatment(c, after);
        if (!created) {
            events.record(c.organizationId, c.id, now, null, new Changed(before, after));
        }
    }

    /** {@code customer.tax_treatment_changed}: what invoicing listens to. {@code before} is null for a customer written before issue 11. */
    public record Changed(Map<String, Object> before, Map<String, Object> after) implements EventPayload {
        public String type() {
            return "customer.tax_treatment_changed";
        }

        public Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("before", before);
            data.put("after", after);
            return data;
        }
    }
}
