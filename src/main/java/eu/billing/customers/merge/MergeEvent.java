package eu.billing.customers.merge;

import java.util.LinkedHashMap;
import java.util.Map;

import eu.billing.customers.events.EventPayload;

/**
 * {@code customer.merged}, written for both customers of a merge ({@code role}: source or
 * target), with what moved and the customer's own changes (docs/merge.md).
 */
public record MergeEvent(String role, Merged result, MergeStrategy strategy, Map<String, Object> wallets,
        Map<String, Object> changes) implements EventPayload {

    @Override
    public String type() {
        return "customer.merged";
    }

    @Override
    public Map<String, Object> data() {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (OwnedTable owned : OwnedTable.values()) {
            counts.put(owned.countField(), result.count(owned));
        }
        counts.put("wallets_merged_count", result.walletsMerged());
        counts.put("wallets_moved_count", result.walletsMoved());
        counts.put("tax_ids_moved_count", result.taxIdsMoved());
        counts.put("tax_ids_left_on_source_count", result.taxIdsLeft());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("role", role);
        data.put("source_customer_id", result.sourceCustomerId().toString());
        data.put("target_customer_id", result.targetCustomerId().toString());
        data.put("strategy", strategy.name());
        data.put("counts", counts);
        data.put("wallets", wallets);
        data.put("changes", changes);
        return data;
    }
}
