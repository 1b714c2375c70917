package eu.billing.customers.customer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.problem.FieldError;
import eu.billing.customers.platform.problem.ValidationFailed;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The payment providers a customer may prefer or disable, and the rules between the two fields. */
@ApplicationScoped
public class PaymentProviders {

    /** Payment-provider settings. */
    @ConfigMapping(prefix = "customers.payment-providers")
    public interface Config {
        /** Provider names customers may refer to ({@code CUSTOMERS_PAYMENT_PROVIDERS_NAMES}). */
        @WithDefault("stripe,adyen,gocardless,mollie,paypal")
        List<String> names();
    }

    private final Set<String> known;

    public PaymentProviders(Config config) {
        this.known = Set.copyOf(config.names());
    }

    /** Checks the customer's resulting settings: known names, and a preferred one that is not disabled. */
    public void check(Customer customer, boolean preferredSent, boolean disabledSent) {
        List<FieldError> errors = new ArrayList<>();
        if (preferredSent && customer.preferredProvider != null && !known.contains(customer.preferredProvider)) {
            errors.add(new FieldError("preferred_provider", "must be one of " + known));
        }
        if (disabledSent) {
            for (String name : customer.disabledProviders) {
                if (!known.contains(name)) {
                    errors.add(new FieldError("disabled_providers", "unknown provider " + name + "; known: " + known));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        if (customer.preferredProvider != null
                && Arrays.asList(customer.disabledProviders).contains(customer.preferredProvider)) {
            throw new DomainException(ErrorCode.PREFERRED_PROVIDER_DISABLED, "preferred_provider "
                    + customer.preferredProvider + " is also in disabled_providers");
        }
    }
}
