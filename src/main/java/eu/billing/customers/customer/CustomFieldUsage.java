package eu.billing.customers.customer;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import eu.billing.customers.customfield.StoredValues;

/**
 * The customers' stored custom field values, counted for the custom field feature (which asks
 * before a definition change; it holds the organization's custom-field lock exclusively then, so
 * no customer write is in flight). One scan of the organization's customers per count.
 */
@ApplicationScoped
public class CustomFieldUsage implements StoredValues {

    private static final String WITH_VALUE = """
            SELECT count(*) FROM customers WHERE organization_id = :org AND (custom_fields -> :key) IS NOT NULL""";
    private static final String WITH_VALUE_IN = """
            SELECT count(*) FROM customers WHERE organization_id = :org AND (custom_fields ->> :key) IN (:values)""";
    private static final String LONGER_THAN = """
            SELECT count(*) FROM customers WHERE organization_id = :org
            AND char_length(custom_fields ->> :key) > :max""";
    private static final String LIVE_WITHOUT = """
            SELECT count(*) FROM customers WHERE organization_id = :org AND deleted_at IS NULL
            AND (custom_fields -> :key) IS NULL""";

    private final EntityManager em;

    public CustomFieldUsage(EntityManager em) {
        this.em = em;
    }

    @Override
    public long withValue(UUID organizationId, String key) {
        return count(em.createNativeQuery(WITH_VALUE).setParameter("org", organizationId).setParameter("key", key)
                .getSingleResult());
    }

    @Override
    public long withValueIn(UUID organizationId, String key, Collection<String> values) {
        return count(em.createNativeQuery(WITH_VALUE_IN).setParameter("org", organizationId).setParameter("key", key)
                .setParameter("values", List.copyOf(values)).getSingleResult());
    }

    @Override
    public long longerThan(UUID organizationId, String key, int maxLength) {
        return count(em.createNativeQuery(LONGER_THAN).setParameter("org", organizationId).setParameter("key", key)
                .setParameter("max", maxLength).getSingleResult());
    }

    @Override
    public long liveWithout(UUID organizationId, String key) {
        return count(em.createNativeQuery(LIVE_WITHOUT).setParameter("org", organizationId).setParameter("key", key)
                .getSingleResult());
    }

    private static long count(Object result) {
        return ((Number) result).longValue();
    }
}
