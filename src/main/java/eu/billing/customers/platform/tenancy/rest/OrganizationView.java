package eu.billing.customers.platform.tenancy.rest;

import java.time.Instant;
import java.util.UUID;

import eu.billing.customers.platform.tenancy.Organization;
import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record OrganizationView(UUID id, String name, String defaultCurrency, Instant createdAt) {

    static OrganizationView of(Organization org) {
        return new OrganizationView(org.id, org.name, org.defaultCurrency, org.createdAt);
    }
}
