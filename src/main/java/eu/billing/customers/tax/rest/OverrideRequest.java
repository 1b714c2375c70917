package eu.billing.customers.tax.rest;

import java.time.Instant;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.platform.validation.Patterns;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of PUT /v1/customers/{id}/vat-verification/manual-override. */
@RegisterForReflection
@Schema(name = "VatManualOverride", additionalProperties = Schema.False.class)
public record OverrideRequest(
        @Schema(required = true, description = "Why the override is needed (evidence), at most 500 characters")
        @Size(max = 500) @Pattern(regexp = Patterns.NOT_BLANK, message = "is required") String reason,
        @Schema(nullable = true, description = "ISO-8601 duration, such as P30D; give ttl or expires_at", example = "P30D")
        String ttl,
        @Schema(implementation = String.class, format = "date-time", nullable = true,
                description = "End of the override; give ttl or expires_at") Instant expiresAt) {
}
