package eu.billing.customers.wallet;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import eu.billing.customers.customer.CustomerService;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.tenancy.Caller;

/** Reads of wallets on behalf of the caller's organization. */
@ApplicationScoped
public class WalletQueries {

    private final Caller caller;
    private final CustomerService customers;
    private final Wallets wallets;

    public WalletQueries(Caller caller, CustomerService customers, Wallets wallets) {
        this.caller = caller;
        this.customers = customers;
        this.wallets = wallets;
    }

    /** The customer's primary wallet; 404 when the customer is not the organization's. */
    public Wallet primaryOf(UUID customerId) {
        Wallet wallet = wallets.primary(caller.organizationId(), customerId).orElse(null);
        if (wallet == null) {
            customers.get(customerId); // CUSTOMER_NOT_FOUND for a customer that is not the organization's
            throw new DomainException(ErrorCode.WALLET_NOT_FOUND,
                    "customer " + customerId + " has no primary wallet (a merged customer's wallets belong to the target)");
        }
        return wallet;
    }
}
