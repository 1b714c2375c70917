package eu.billing.customers.wallet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerWallets;
import eu.billing.customers.platform.Ids;

/**
 * Wallet rules that follow the customer: every customer has one primary wallet, opened with it,
 * in its preferred currency (else the organization's default) and seeded from its default_*
 * settings; a change of preferred currency never orphans a balance (see {@link #followCurrency});
 * all of a customer's wallets share its billing mode. The customer package reaches these rules
 * through {@link CustomerWallets}.
 */
@ApplicationScoped
public class Wallets implements CustomerWallets {

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerOpened(Customer customer, String organizationDefaultCurrency, Instant now) {
        openPrimary(customer, organizationDefaultCurrency, now);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Object> currencyChanged(Customer customer, String organizationDefaultCurrency, Instant now) {
        return followCurrency(customer, organizationDefaultCurrency, now);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> modeChanged(Customer customer, Instant now) {
        List<String> ids = new ArrayList<>();
        for (Wallet wallet : lockAll(customer.organizationId, customer.id)) {
            wallet.mode = customer.mode;
            wallet.updatedAt = now;
            ids.add(wallet.id.toString());
        }
        return ids;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Wallet openPrimary(Customer customer, String organizationDefaultCurrency, Instant now) {
        Wallet wallet = new Wallet();
        wallet.id = Ids.newId();
        wallet.organizationId = customer.organizationId;
        wallet.customerId = customer.id;
        wallet.currency = customer.preferredCurrency != null ? customer.preferredCurrency : organizationDefaultCurrency;
        wallet.mode = customer.mode;
        wallet.primary = true;
        wallet.autoTopupEnabled = customer.defaultAutoTopupEnabled;
        wallet.autoTopupAmount = customer.defaultAutoTopupAmount;
        wallet.creditLimit = customer.defaultCreditLimit;
        wallet.maxBalance = customer.defaultMaxBalance;
        wallet.maxSingleCredit = customer.defaultMaxSingleCredit;
        wallet.lowBalanceThreshold = customer.defaultLowBalanceThreshold;
        wallet.createdAt = now;
        wallet.updatedAt = now;
        wallet.persist();
        return wallet;
    }

    public Optional<Wallet> primary(UUID organizationId, UUID customerId) {
        return Wallet.<Wallet> find("organizationId = ?1 and customerId = ?2 and primary = true",
                organizationId, customerId).firstResultOptional();
    }

    /** All of the customer's wallets, open or closed, locked in id order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Wallet> lockAll(UUID organizationId, UUID customerId) {
        return Wallet.<Wallet> find("organizationId = ?1 and customerId = ?2 order by id", organizationId, customerId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The customer's open wallets, locked, in id order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Wallet> lockOpen(UUID organizationId, UUID customerId) {
        return Wallet.<Wallet> find("organizationId = ?1 and customerId = ?2 and status = ?3 order by id",
                organizationId, customerId, Wallet.ACTIVE).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /**
     * The customer's preferred currency changed: the primary wallet must be in the new currency.
     * <ul>
     * <li>an open wallet in that currency exists: it becomes the primary one;</li>
     * <li>else, the primary wallet holds no money: its currency is changed in place;</li>
     * <li>else, a new primary wallet is opened in the new currency; the old one stays open, with
     * its balances, as a secondary wallet.</li>
     * </ul>
     * Answers what happened, for the event; empty when nothing had to change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Object> followCurrency(Customer customer, String defaultCurrency, Instant now) {
        String wanted = customer.preferredCurrency != null ? customer.preferredCurrency : defaultCurrency;
        List<Wallet> open = lockOpen(customer.organizationId, customer.id);
        Wallet primary = open.stream().filter(w -> w.primary).findFirst().orElse(null);
        if (primary != null && primary.currency.equals(wanted)) {
            return Map.of();
        }
        Wallet existing = open.stream().filter(w -> w.currency.equals(wanted)).findFirst().orElse(null);
        if (existing != null) {
            demote(primary, now);
            existing.primary = true;
            existing.updatedAt = now;
            return Map.of("action", "switched_primary", "wallet_id", existing.id.toString(),
                    "previous_wallet_id", String.valueOf(primary == null ? null : primary.id), "currency", wanted);
        }
        if (primary != null && !primary.holdsMoney()) {
            String from = primary.currency;
            primary.currency = wanted;
            primary.updatedAt = now;
            return Map.of("action", "currency_changed", "wallet_id", primary.id.toString(),
                    "from", from, "to", wanted);
        }
        demote(primary, now);
        Wallet opened = openPrimary(customer, defaultCurrency, now);
        opened.currency = wanted;
        return Map.of("action", "opened_primary", "wallet_id", opened.id.toString(),
                "previous_wallet_id", String.valueOf(primary == null ? null : primary.id), "currency", wanted);
    }

    private static void demote(Wallet wallet, Instant now) {
        if (wallet != null) {
            wallet.primary = false;
            wallet.updatedAt = now;
            // the partial unique index on primary wallets is checked per statement: write this first
            Wallet.getEntityManager().flush();
        }
    }
}
