package eu.billing.customers.platform.tenancy.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record OrganizationCreatedView(OrganizationView organization, ApiKeyView apiKey) {
}
