package eu.billing.customers.wallet.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.customer.BillingMode;
import eu.billing.customers.platform.json.Amounts;
import eu.billing.customers.wallet.Wallet;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A wallet as the API shows it. Amounts are decimal strings. */
@RegisterForReflection
@Schema(name = "Wallet")
public record WalletView(
        UUID id,
        UUID organizationId,
        UUID customerId,
        String currency,
        BillingMode mode,
        boolean isPrimary,
        boolean autoTopupEnabled,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, nullable = true) BigDecimal autoTopupAmount,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, nullable = true) BigDecimal creditLimit,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, nullable = true) BigDecimal maxBalance,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, nullable = true) BigDecimal maxSingleCredit,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, nullable = true) BigDecimal lowBalanceThreshold,
        @Schema(type = SchemaType.STRING, pattern = Amounts.SIGNED_PATTERN) BigDecimal cashBalance,
        @Schema(type = SchemaType.STRING, pattern = Amounts.SIGNED_PATTERN) BigDecimal heldBalance,
        @Schema(type = SchemaType.STRING, pattern = Amounts.SIGNED_PATTERN) BigDecimal promotionalBalance,
        @Schema(implementation = String.class, format = "date-time", nullable = true) Instant promotionalBalanceExpiresAt,
        Instant createdAt,
        Instant updatedAt) {

    public static WalletView of(Wallet w) {
        return new WalletView(w.id, w.organizationId, w.customerId, w.currency, w.mode, w.primary,
                w.autoTopupEnabled, w.autoTopupAmount, w.creditLimit, w.maxBalance, w.maxSingleCredit,
                w.lowBalanceThreshold, w.cashBalance, w.heldBalance, w.promotionalBalance,
                w.promotionalBalanceExpiresAt, w.createdAt, w.updatedAt);
    }
}
