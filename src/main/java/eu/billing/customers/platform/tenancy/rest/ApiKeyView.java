package eu.billing.customers.platform.tenancy.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.platform.tenancy.ApiKeys;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A freshly minted key; {@code secret} is shown in this answer only. */
@RegisterForReflection
@Schema(name = "ApiKey", requiredProperties = { "id", "secret" })
public record ApiKeyView(UUID id,
        @Schema(description = "Send as Authorization: Bearer <secret>; shown only once", example = "ck_...")
        String secret) {

    static ApiKeyView of(ApiKeys.Minted minted) {
        return new ApiKeyView(minted.id(), minted.secret());
    }
}
