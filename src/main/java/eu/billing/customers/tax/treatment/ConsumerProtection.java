package eu.billing.customers.tax.treatment;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Whether the EU's consumer-contract rules apply (Directive 2011/83/EU, which the EEA states apply too).
 *
 * @param applies the buyer may be a consumer in the EU/EEA
 * @param withdrawalPeriodDays the right of withdrawal from a distance contract (art. 9: 14 days); {@code null} when it does not apply
 */
@RegisterForReflection
public record ConsumerProtection(boolean applies, Integer withdrawalPeriodDays) {

    public static final int WITHDRAWAL_PERIOD_DAYS = 14;

    static final ConsumerProtection NONE = new ConsumerProtection(false, null);
    static final ConsumerProtection EU = new ConsumerProtection(true, WITHDRAWAL_PERIOD_DAYS);
}
