package eu.billing.customers.tax.rest;

import java.time.Instant;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of PUT /v1/customers/{id}/vat-verification/manual-override. */
@RegisterForReflection
@Schema(name = "VatManualOverride")
public record OverrideRequest(
        @Schema(required = true, description = "Why the override is needed (evidence), at most 500 characters")
        @Size(max = 500) String reason,
        @Schema(description = "ISO-8601 duration, such as P30D; give ttl or expires_at", example = "P30D")
        String ttl,
        @Schema(description = "End of the override; give ttl or expires_at") Instant expiresAt) {
}
