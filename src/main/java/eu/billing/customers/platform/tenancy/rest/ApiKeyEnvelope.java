package eu.billing.customers.platform.tenancy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(name = "ApiKeyCreated", requiredProperties = "api_key")
public record ApiKeyEnvelope(ApiKeySecretView apiKey) {
}
