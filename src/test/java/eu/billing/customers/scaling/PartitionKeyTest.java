package eu.billing.customers.scaling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every entity of a tenant table marks organization_id as its partition key, so that the UPDATEs
 * and DELETEs Hibernate generates filter by the whole primary key (organization_id, id). Without
 * it an update by id alone scans the primary-key index (108 ms per update at 1,000,000 customers,
 * docs/benchmarks.md) and cannot be routed to one shard by Citus (docs/scaling.md). And no entity
 * ever writes organization_id in an UPDATE (Citus refuses to modify the distribution column).
 */
@QuarkusTest
class PartitionKeyTest {

    @Inject
    EntityManagerFactory factory;

    @Test
    void everyEntityWithAnOrganizationIdUsesItAsPartitionKey() {
        List<String> violations = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        factory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel().forEachEntityDescriptor(persister -> {
            if (persister.findAttributeMapping("organizationId") != null) {
                checked.add(persister.getEntityName());
                if (!((AbstractEntityPersister) persister).hasPartitionedSelectionMapping()) {
                    violations.add(persister.getEntityName());
                }
            }
        });
        assertTrue(checked.size() >= 4, "entities checked: " + checked);
        assertTrue(violations.isEmpty(), "add @org.hibernate.annotations.PartitionKey to organizationId of " + violations);
    }

    /**
     * organization_id is the distribution column: Citus refuses an UPDATE that sets it, even to the
     * value it already has ("modifying the partition value of rows is not allowed"), so every entity
     * maps it {@code updatable = false} and Hibernate leaves it out of the SET list.
     */
    @Test
    void everyEntityMapsOrganizationIdNotUpdatable() {
        List<String> violations = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        factory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel().forEachEntityDescriptor(persister -> {
            if (persister.findAttributeMapping("organizationId") instanceof SelectableMapping column) {
                checked.add(persister.getEntityName());
                if (column.isUpdateable()) {
                    violations.add(persister.getEntityName());
                }
            }
        });
        assertTrue(checked.size() >= 5, "entities checked: " + checked);
        assertTrue(violations.isEmpty(), "map organizationId with @Column(updatable = false) in " + violations);
    }
}
