package eu.billing.customers.platform.tenancy.rest;

import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record CreateApiKeyRequest(@Size(max = 200) String name) {
}
