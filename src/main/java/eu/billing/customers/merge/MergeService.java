package eu.billing.customers.merge;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerMerge;
import eu.billing.customers.customer.CustomersWritten;
import eu.billing.customers.events.EventLog;
import eu.billing.customers.tax.profile.TaxIdProfiles;
import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.tenancy.Caller;
import eu.billing.customers.wallet.WalletMerges;
import eu.billing.customers.wallet.Wallets;

/**
 * Folds a duplicate customer (the source) into the surviving one (the target), in one transaction:
 * both customers are locked in id order, every owned record and wallet is repointed with
 * set-based statements, the profiles are combined, the source ends MERGED with a pointer to the
 * target, and both customers get a {@code customer.merged} event. See docs/merge.md.
 *
 * <p>This class orchestrates; each feature writes its own rows: the customers through
 * {@link CustomerMerge}, the wallets through {@link WalletMerges} and {@link Wallets}. Only the
 * owned tables of other services ({@link OwnedTable}) are written here.
 */
@ApplicationScoped
@Transactional
public class MergeService {

    private final EntityManager em;
    private final Caller caller;
    private final CustomerMerge customers;
    private final WalletMerges walletMerges;
    private final Wallets wallets;
    private final EventLog events;
    private final Clock clock;
    private final TaxIdProfiles taxIdProfiles;
    private final Event<CustomersWritten> written;

    public MergeService(EntityManager em, Caller caller, CustomerMerge customers, WalletMerges walletMerges,
            Wallets wallets, EventLog events, Clock clock, TaxIdProfiles taxIdProfiles,
            Event<CustomersWritten> written) {
        this.taxIdProfiles = taxIdProfiles;
        this.written = written;
        this.em = em;
        this.caller = caller;
        this.customers = customers;
        this.walletMerges = walletMerges;
        this.wallets = wallets;
        this.events = events;
        this.clock = clock;
    }

    /** Merges the source customer into the target; refusals change nothing. */
    public Merged merge(UUID sourceId, UUID targetId, MergeStrategy strategy) {
        if (sourceId.equals(targetId)) {
            throw new DomainException(ErrorCode.MERGE_SAME_CUSTOMER,
                    "source_customer_id and target_customer_id are the same customer");
        }
        UUID org = caller.organizationId();
        // everything that can refuse is decided before the first write
        CustomerMerge.Plan plan = customers.plan(org, sourceId, targetId, strategy == MergeStrategy.FILL_FROM_SOURCE);
        Customer source = plan.source();
        Customer target = plan.target();
        Instant now = Clocks.now(clock);

        Map<OwnedTable, Integer> counts = new EnumMap<>(OwnedTable.class);
        for (OwnedTable owned : OwnedTable.values()) {
            counts.put(owned, em.createNativeQuery(owned.repointSql())
                    .setParameter(1, org).setParameter(2, source.id).setParameter(3, target.id)
                    .executeUpdate());
        }
        WalletMerges.Report walletReport = walletMerges.merge(org, source.id, target.id, target.mode, now);
        Map<String, Object> walletData = walletReport.data();

        CustomerMerge.Outcome outcome = customers.apply(plan, now);
        if (outcome.currencyFilled()) {
            Map<String, Object> followed = wallets.followCurrency(target, caller.defaultCurrency(), now);
            if (!followed.isEmpty()) {
                walletData.put("primary", followed);
            }
        }
        em.flush();

        TaxIdProfiles.Moved taxIds = taxIdProfiles.mergeInto(source, target, now);
        em.flush();
        Merged result = new Merged(source.id, target.id, counts, walletReport.merged().size(),
                walletReport.moved().size(), taxIds.moved(), taxIds.left());
        events.record(org, target.id, now, null,
                new MergeEvent("target", result, strategy, walletData, outcome.targetChanges()));
        events.record(org, source.id, now, null,
                new MergeEvent("source", result, strategy, walletData, outcome.sourceChanges()));
        written.fire(CustomersWritten.INSTANCE);
        return result;
    }
}
