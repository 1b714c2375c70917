package eu.billing.customers.platform.tenancy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "OrganizationCreated", requiredProperties = { "organization", "api_key" })
public record OrganizationCreatedView(OrganizationView organization, ApiKeySecretView apiKey) {
}
