package eu.billing.customers.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a customer's writes need from its wallets, in the same transaction. Declared here, where
 * it is needed, and implemented by {@code wallet/Wallets}, so that the customer package does not
 * depend on the wallet package.
 */
public interface CustomerWallets {

    /** The customer was created: open its primary wallet. */
    void customerOpened(Customer customer, String organizationDefaultCurrency, Instant now);

    /**
     * The customer's preferred currency changed: the primary wallet follows it. Answers what
     * happened, for the event ({@code action} and the wallets concerned); empty when nothing had to.
     */
    Map<String, Object> currencyChanged(Customer customer, String organizationDefaultCurrency, Instant now);

    /** The customer's billing mode changed: every one of its wallets takes it. Answers their ids. */
    List<String> modeChanged(Customer customer, Instant now);
}
