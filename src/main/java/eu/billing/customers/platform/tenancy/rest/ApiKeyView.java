package eu.billing.customers.platform.tenancy.rest;

import java.util.UUID;

import eu.billing.customers.platform.tenancy.ApiKeys;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A freshly minted key; {@code secret} is shown in this answer only. */
@RegisterForReflection
public record ApiKeyView(UUID id, String secret) {

    static ApiKeyView of(ApiKeys.Minted minted) {
        return new ApiKeyView(minted.id(), minted.secret());
    }
}
