package eu.billing.customers.merge.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.merge.Merged;
import eu.billing.customers.merge.OwnedTable;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer of a merge: what was actually moved. */
@RegisterForReflection
@Schema(name = "MergeResult")
public record MergeView(
        UUID sourceCustomerId,
        UUID targetCustomerId,
        int subscriptionsCount,
        int invoicesCount,
        int paymentMethodsCount,
        int usageEventsCount,
        int customerScopedPricesCount,
        int promotionRedemptionsCount,
        @Schema(description = "Source wallets whose balances were added into the target's wallet of the same "
                + "currency (the source wallet is closed)")
        int walletsMergedCount,
        @Schema(description = "Open source wallets moved to the target (in currencies it had no wallet in), not primary")
        int walletsMovedCount,
        @Schema(description = "Tax identifiers of the source moved to the target: those of a type and country the "
                + "target had none of, with their verification (the primary, vat_number, follows the strategy)")
        int taxIdsMovedCount,
        @Schema(description = "Tax identifiers left on the merged source: the target already had one of their type "
                + "and country (the target keeps its own), and the source's vat_number unless FILL_FROM_SOURCE gave it "
                + "to the target")
        int taxIdsLeftOnSourceCount) {

    public static MergeView of(Merged m) {
        return new MergeView(m.sourceCustomerId(), m.targetCustomerId(), m.count(OwnedTable.SUBSCRIPTIONS),
                m.count(OwnedTable.INVOICES), m.count(OwnedTable.PAYMENT_METHODS), m.count(OwnedTable.USAGE_EVENTS),
                m.count(OwnedTable.CUSTOMER_PRICES), m.count(OwnedTable.PROMOTION_REDEMPTIONS), m.walletsMerged(),
                m.walletsMoved(), m.taxIdsMoved(), m.taxIdsLeft());
    }
}
