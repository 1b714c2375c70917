package eu.billing.customers.wallet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import eu.billing.customers.customer.BillingMode;
import org.hibernate.annotations.PartitionKey;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A customer's balance in one currency. Balances are NUMERIC(19,4); never floating point. */
@Entity
@Table(name = "wallets")
public class Wallet extends PanacheEntityBase {

    public static final String ACTIVE = "ACTIVE";
    public static final String CLOSED = "CLOSED";

    @Id
    public UUID id;

    /** Distribution column: Hibernate adds it to the WHERE clause of its UPDATEs and DELETEs. */
    @PartitionKey
    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    @Column(nullable = false, length = 3)
    public String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public BillingMode mode;

    @Column(name = "is_primary", nullable = false)
    public boolean primary;

    @Column(nullable = false, length = 16)
    public String status = ACTIVE;

    @Column(name = "auto_topup_enabled", nullable = false)
    public boolean autoTopupEnabled;

    @Column(name = "auto_topup_amount", precision = 19, scale = 4)
    public BigDecimal autoTopupAmount;

    @Column(name = "credit_limit", precision = 19, scale = 4)
    public BigDecimal creditLimit;

    @Column(name = "max_balance", precision = 19, scale = 4)
    public BigDecimal maxBalance;

    @Column(name = "max_single_credit", precision = 19, scale = 4)
    public BigDecimal maxSingleCredit;

    @Column(name = "low_balance_threshold", precision = 19, scale = 4)
    public BigDecimal lowBalanceThreshold;

    @Column(name = "cash_balance", nullable = false, precision = 19, scale = 4)
    public BigDecimal cashBalance = BigDecimal.ZERO;

    @Column(name = "held_balance", nullable = false, precision = 19, scale = 4)
    public BigDecimal heldBalance = BigDecimal.ZERO;

    @Column(name = "promotional_balance", nullable = false, precision = 19, scale = 4)
    public BigDecimal promotionalBalance = BigDecimal.ZERO;

    @Column(name = "promotional_balance_expires_at")
    public Instant promotionalBalanceExpiresAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** Whether any balance is not zero (a wallet that holds money must never be dropped). */
    public boolean holdsMoney() {
        return cashBalance.signum() != 0 || heldBalance.signum() != 0 || promotionalBalance.signum() != 0;
    }
}
