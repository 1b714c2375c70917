package eu.billing.customers.platform.audit;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import eu.billing.customers.platform.tenancy.Caller;

/**
 * Who made a change, as every audit row records it (events, the VAT verification history): the
 * API key, with the operator named by {@code X-Actor} as label; the admin token; or the system (a
 * background job).
 *
 * @param type {@code api_key}, {@code admin} or {@code system}
 */
@Embeddable
public record Actor(
        @Column(name = "actor_type", nullable = false, length = 16) String type,
        @Column(name = "actor_api_key_id") UUID apiKeyId,
        @Column(name = "actor_label", length = 200) String label) {

    public static final String API_KEY = "api_key";
    public static final String ADMIN = "admin";
    public static final String SYSTEM = "system";

    /** The actor of the current request (or background job). */
    public static Actor of(Caller caller) {
        if (caller.apiKeyId() != null) {
            return new Actor(API_KEY, caller.apiKeyId(), caller.actorLabel());
        }
        return new Actor(caller.admin() ? ADMIN : SYSTEM, null, caller.actorLabel());
    }
}
