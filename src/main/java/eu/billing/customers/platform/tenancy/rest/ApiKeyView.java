package eu.billing.customers.platform.tenancy.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.platform.tenancy.ApiKey;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An API key as listed: never its secret. */
@RegisterForReflection
@Schema(name = "ApiKey", requiredProperties = { "id", "name", "role", "status", "prefix", "created_at", "expires_at",
        "last_used_at", "revoked_at", "rolled_at", "created_by" })
public record ApiKeyView(
        UUID id,
        @Schema(nullable = true, description = "The label given at creation") String name,
        @Schema(enumeration = { "admin", "write", "read_only" }, description = "admin: everything, keys and settings "
                + "included; write: customers and their operations; read_only: GET only") String role,
        @Schema(enumeration = { "active", "expired", "revoked" }) String status,
        @Schema(description = "The first characters of the current secret, to recognise the key; never enough to use it",
                example = "ck_0190f2a4c3b87d1e9a0b5c6d7e8f9a0b_Xy3kQ9") String prefix,
        Instant createdAt,
        @Schema(nullable = true, description = "When the key stops working; null: never") Instant expiresAt,
        @Schema(nullable = true, description = "Last authenticated request, recorded at most once a minute") Instant lastUsedAt,
        @Schema(nullable = true) Instant revokedAt,
        @Schema(nullable = true, description = "When the secret was last rolled") Instant rolledAt,
        ApiKeyCreator createdBy) {

    /** Who made the key: an API key of the organization (with X-Actor as label), the platform admin, or the system. */
    @RegisterForReflection
    @Schema(name = "ApiKeyCreator", requiredProperties = { "type", "api_key_id", "label" })
    public record ApiKeyCreator(@Schema(enumeration = { "api_key", "admin", "system" }) String type,
            @Schema(implementation = String.class, format = "uuid", nullable = true) UUID apiKeyId,
            @Schema(nullable = true) String label) {
    }

    static ApiKeyView of(ApiKey k, Clock clock) {
        return new ApiKeyView(k.id, k.name, k.role, status(k, clock.instant()), k.prefix, k.createdAt, k.expiresAt,
                k.lastUsedAt, k.revokedAt, k.rolledAt, new ApiKeyCreator(k.createdByType, k.createdByApiKeyId, k.createdByLabel));
    }

    static String status(ApiKey k, Instant now) {
        if (k.revokedAt != null) {
            return "revoked";
        }
        return k.activeAt(now) ? "active" : "expired";
    }
}
