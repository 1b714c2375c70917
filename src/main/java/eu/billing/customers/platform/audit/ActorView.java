package eu.billing.customers.platform.audit;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The API key that made the change, and the operator named by X-Actor (events, VAT history). */
@RegisterForReflection
@Schema(name = "Actor")
public record ActorView(@Schema(enumeration = { "api_key", "admin", "system" }) String type, UUID apiKeyId,
        String label) {

    public static ActorView of(Actor actor) {
        return new ActorView(actor.type(), actor.apiKeyId(), actor.label());
    }
}
