package eu.billing.customers.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the fake tax registers for every test class (restrictToAnnotatedClass = false), like FakeVies. */
@QuarkusTestResource(value = FakeHmrc.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeSwissUid.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeBrreg.class, restrictToAnnotatedClass = false)
public class FakeRegistersResources {
}
