package eu.billing.customers.platform.tenancy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of POST /v1/api-keys/{id}/roll; the body itself is optional. */
@RegisterForReflection
@Schema(name = "RollApiKeyRequest", additionalProperties = Schema.False.class)
public record RollApiKeyRequest(
        @Schema(nullable = true, example = "PT24H", description = "How long the previous secret keeps working: an ISO "
                + "8601 duration from PT0S to P7D (default PT24H)") String expiresIn) {
}
