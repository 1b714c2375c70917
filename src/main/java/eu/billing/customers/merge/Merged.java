package eu.billing.customers.merge;

import java.util.Map;
import java.util.UUID;

/**
 * What a merge did: the rows it repointed per owned table, and the source wallets it merged into
 * a target wallet of the same currency or moved to the target.
 */
public record Merged(UUID sourceCustomerId, UUID targetCustomerId, Map<OwnedTable, Integer> counts,
        int walletsMerged, int walletsMoved, int taxIdsMoved, int taxIdsLeft) {

    public int count(OwnedTable table) {
        return counts.getOrDefault(table, 0);
    }
}
