package eu.billing.customers.customer.view;

import java.util.List;

import eu.billing.customers.customer.Customer;

/**
 * What a customer answer shows of the customer's tax profile, supplied by the tax feature (which
 * depends on the customer feature, never the reverse): a bean implementing this interface in a
 * {@code rest} package of the tax feature.
 */
public interface TaxProfileSource {

    /** The customer's tax identifiers (the primary first) and its tax treatment. */
    Profile profile(Customer c);

    /** What a customer answer shows of the tax profile. */
    record Profile(List<TaxIdView> taxIds, TaxTreatmentView treatment) {
    }
}
