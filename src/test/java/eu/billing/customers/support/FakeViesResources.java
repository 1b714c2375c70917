package eu.billing.customers.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the fake VIES for every test class (restrictToAnnotatedClass = false). */
@QuarkusTestResource(value = FakeVies.class, restrictToAnnotatedClass = false)
public class FakeViesResources {
}
