package eu.billing.customers.customer.view;

import java.util.List;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerReads;

/**
 * What a customer answer shows of the customer's tax profile, supplied by the tax feature (which
 * depends on the customer feature, never the reverse): a bean implementing this interface in a
 * {@code rest} package of the tax feature. The read paths ({@code GET} of a customer, list pages)
 * and the answers of writes ({@link CustomerReads#joined}) read it in one statement, as a
 * {@link CustomerReads.Joined}. {@link #profile(Customer)} answers the same from the tax feature's own
 * queries on the customer (CustomerReadsTest holds the one-statement read to it).
 */
public interface TaxProfileSource extends CustomerReads.Joined<TaxProfileSource.Profile> {

    /** The customer's tax identifiers (the primary first) and its tax treatment. */
    Profile profile(Customer c);

    /** What a customer answer shows of the tax profile. */
    record Profile(List<TaxIdView> taxIds, TaxTreatmentView treatment) {
    }
}
