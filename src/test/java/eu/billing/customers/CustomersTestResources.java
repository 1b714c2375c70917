package eu.billing.customers;

import eu.billing.customers.support.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Registers the database for every test class (restrictToAnnotatedClass = false). */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
public class CustomersTestResources {
}
