package eu.billing.customers.customer.view;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.billing.customers.customer.Customer;

/**
 * What a customer answer shows of the customer's tax profile, supplied by the tax feature (which
 * depends on the customer feature, never the reverse): a bean implementing this interface in a
 * {@code rest} package of the tax feature.
 */
public interface TaxProfileSource {

    /** The customer's tax identifiers (the primary first) and its tax treatment. */
    Profile profile(Customer c);

    /**
     * The profiles of several customers (a page of a listing), by customer id, each as
     * {@link #profile(Customer)} answers it, in a number of queries that does not grow with theirs.
     */
    Map<UUID, Profile> profiles(List<Customer> customers);

    /** What a customer answer shows of the tax profile. */
    record Profile(List<TaxIdView> taxIds, TaxTreatmentView treatment) {
    }
}
