package eu.billing.customers.tax.profile;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.transaction.TransactionScoped;

import eu.billing.customers.customer.Customer;

/**
 * The customers (and organizations, after a settings change) whose tax treatment the current
 * transaction may have changed: compared with the announced one when the write ends
 * ({@link TaxTreatments}).
 */
@TransactionScoped
public class PendingTreatments {

    private final Noted noted = new Noted();

    /** What the transaction noted so far. */
    Noted noted() {
        return noted;
    }

    /** What one transaction noted. */
    static final class Noted {
        /** Customers written in the transaction, by id. */
        final Map<UUID, Customer> customers = new LinkedHashMap<>();
        /** Those the transaction created. */
        final Set<UUID> created = new LinkedHashSet<>();
        final Set<UUID> organizations = new LinkedHashSet<>();
        /** Customers the transaction gave rows of tax_ids: a customer it created has none otherwise. */
        final Set<UUID> identifiersWritten = new LinkedHashSet<>();
    }
}
