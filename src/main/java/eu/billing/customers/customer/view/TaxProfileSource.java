package eu.billing.customers.customer.view;

import java.util.List;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerReads;

/**
 * What a customer answer shows of the customer's tax profile, supplied by the tax feature (which
 * depends on the customer feature, never the reverse): a bean implementing this interface in a
 * {@code rest} package of the tax feature. The read paths ({@code GET} of a customer, list pages)
 * read it in the customer's own statement, as a {@link CustomerReads.Joined}; the answers of writes
 * through {@link #profile(Customer)}.
 */
public interface TaxProfileSource extends CustomerReads.Joined<TaxProfileSource.Profile> {

    /** The customer's tax identifiers (the primary first) and its tax treatment. */
    Profile profile(Customer c);

    /** What a customer answer shows of the tax profile. */
    record Profile(List<TaxIdView> taxIds, TaxTreatmentView treatment) {
    }
}
