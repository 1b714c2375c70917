package eu.billing.customers.platform.tenancy.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.platform.tenancy.ApiKey;
import eu.billing.customers.platform.tenancy.ApiKeys;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A freshly minted or rolled key: the key with its {@code secret}, which is shown in this answer only. */
@RegisterForReflection
@Schema(name = "ApiKeyWithSecret", requiredProperties = { "id", "secret", "name", "role", "status", "prefix",
        "created_at", "expires_at", "last_used_at", "revoked_at", "rolled_at", "created_by",
        "previous_secret_expires_at" })
public record ApiKeySecretView(
        UUID id,
        @Schema(description = "Send as Authorization: Bearer <secret>; shown only once", example = "ck_...")
        String secret,
        @Schema(nullable = true) String name,
        @Schema(enumeration = { "admin", "write", "read_only" }) String role,
        @Schema(enumeration = { "active", "expired", "revoked" }) String status,
        String prefix,
        Instant createdAt,
        @Schema(nullable = true) Instant expiresAt,
        @Schema(nullable = true) Instant lastUsedAt,
        @Schema(nullable = true) Instant revokedAt,
        @Schema(nullable = true) Instant rolledAt,
        ApiKeyView.ApiKeyCreator createdBy,
        @Schema(nullable = true, description = "After a roll: until when the previous secret keeps working")
        Instant previousSecretExpiresAt) {

    static ApiKeySecretView of(ApiKeys.Minted minted, Clock clock) {
        ApiKey k = minted.key();
        ApiKeyView v = ApiKeyView.of(k, clock);
        return new ApiKeySecretView(k.id, minted.secret(), k.name, k.role, v.status(), k.prefix, k.createdAt, k.expiresAt,
                k.lastUsedAt, k.revokedAt, k.rolledAt, v.createdBy(), k.previousExpiresAt);
    }

    /** For tests and logs: the answer's secret is not part of toString. */
    @Override
    public String toString() {
        return "ApiKeySecretView[id=" + id + ", prefix=" + prefix + "]";
    }
}
