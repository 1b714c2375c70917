package eu.billing.customers.platform.tenancy.rest;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of POST /v1/admin/organizations/{id}/api-keys; the body itself is optional. */
@RegisterForReflection
@Schema(name = "CreateApiKeyRequest", additionalProperties = Schema.False.class)
public record CreateApiKeyRequest(@Schema(nullable = true, description = "A label for the key") @Size(max = 200) String name) {
}
