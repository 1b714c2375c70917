package eu.billing.customers.platform.tenancy.rest;

import java.time.Instant;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of POST /v1/api-keys and POST /v1/admin/organizations/{id}/api-keys. */
@RegisterForReflection
@Schema(name = "CreateApiKeyRequest", additionalProperties = Schema.False.class)
public record CreateApiKeyRequest(
        @Schema(nullable = true, description = "A label for the key") @Size(max = 200) String name,
        @Schema(nullable = true, enumeration = { "admin", "write", "read_only" },
                description = "What the key may do (default admin on the platform admin route; required on /v1/api-keys)")
        String role,
        @Schema(nullable = true, description = "When the key stops working (in the future); null: never")
        Instant expiresAt) {
}
