package eu.billing.customers.wallet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import eu.billing.customers.customer.BillingMode;

/**
 * The wallets' side of a merge (docs/merge.md): every wallet of both customers locked in id order,
 * then, in an order that never collides with the partial unique indexes, the balances of each
 * open source wallet added into the target's open wallet of the same currency, those source
 * wallets closed, and every source wallet moved to the target (none as primary). Set-based
 * statements in the merge's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class WalletMerges {

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

    public WalletMerges(EntityManager em) {
        this.em = em;
    }

    /**
     * What a merge did to the wallets, for its answer and event: the source wallets merged into a
     * target wallet ({@code source_wallet_id}, {@code target_wallet_id}, {@code currency}), the open
     * ones moved ({@code wallet_id}, {@code currency}), and the closed ones that followed.
     */
    public record Report(List<Map<String, Object>> merged, List<Map<String, Object>> moved, List<Object> closedMoved) {

        /** As the event shows it: {@code merged}, {@code moved}, and {@code closed_moved} when any. */
        public Map<String, Object> data() {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("merged", merged);
            report.put("moved", moved);
            if (!closedMoved.isEmpty()) {
                report.put("closed_moved", closedMoved);
            }
            return report;
        }
    }

    /** Moves the source customer's wallets and balances to the target, whose mode the open ones take. */
    public Report merge(UUID organizationId, UUID sourceId, UUID targetId, BillingMode targetMode, Instant now) {
        em.createNativeQuery(LOCK_WALLETS)
                .setParameter(1, organizationId).setParameter(2, sourceId).setParameter(3, targetId)
                .getResultList();
        List<Map<String, Object>> merged = new ArrayList<>();
        for (Object row : em.createNativeQuery(MERGE_BALANCES)
                .setParameter(1, organizationId).setParameter(2, sourceId).setParameter(3, targetId)
                .setParameter(4, now)
                .getResultList()) {
            Object[] r = (Object[]) row;
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("source_wallet_id", r[0]);
            pair.put("target_wallet_id", r[1]);
            pair.put("currency", r[2]);
            merged.add(pair);
        }
        int closed = em.createNativeQuery(CLOSE_MERGED)
                .setParameter(1, organizationId).setParameter(2, sourceId).setParameter(3, targetId)
                .setParameter(4, now)
                .executeUpdate();
        if (closed != merged.size()) {
            throw new IllegalStateException("merged " + merged.size() + " wallets but closed " + closed);
        }
        Set<Object> mergedIds = new LinkedHashSet<>();
        merged.forEach(pair -> mergedIds.add(pair.get("source_wallet_id")));
        List<Map<String, Object>> moved = new ArrayList<>();
        List<Object> closedMoved = new ArrayList<>();
        for (Object row : em.createNativeQuery(MOVE_REST)
                .setParameter(1, organizationId).setParameter(2, sourceId).setParameter(3, targetId)
                .setParameter(4, now).setParameter(5, targetMode.name())
                .getResultList()) {
            Object[] r = (Object[]) row;
            if (Wallet.ACTIVE.equals(r[1])) {
                Map<String, Object> wallet = new LinkedHashMap<>();
                wallet.put("wallet_id", r[0]);
                wallet.put("currency", r[2]);
                moved.add(wallet);
            } else if (!mergedIds.contains(r[0])) {
                closedMoved.add(r[0]);
            }
        }
        return new Report(merged, moved, closedMoved);
    }
}
