package eu.billing.customers.customfield;

import java.util.Collection;
import java.util.UUID;

/**
 * What the organization's customers store for a custom field, counted: the customer feature
 * implements it (it owns the customers table), this feature asks it before a definition change
 * that could make stored values invalid. Counts include archived and merged customers (their
 * values are kept and shown), except {@link #liveWithout}.
 */
public interface StoredValues {

    /** Customers with a value for {@code key}. */
    long withValue(UUID organizationId, String key);

    /** Customers whose value for {@code key} is one of {@code values}. */
    long withValueIn(UUID organizationId, String key, Collection<String> values);

    /** Customers whose value for {@code key} is longer than {@code maxLength} characters. */
    long longerThan(UUID organizationId, String key, int maxLength);

    /** Live (ACTIVE or SUSPENDED) customers without a value for {@code key}. */
    long liveWithout(UUID organizationId, String key);
}
