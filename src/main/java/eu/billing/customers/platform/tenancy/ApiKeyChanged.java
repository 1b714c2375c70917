package eu.billing.customers.platform.tenancy;

import java.time.Instant;

/**
 * A CDI event fired, in the change's transaction, for every change of an API key: the audit trail
 * (events/ApiKeyAudit) records it as {@code api_key.created}, {@code api_key.rolled} or
 * {@code api_key.revoked}. It carries the key record, never a secret.
 *
 * @param previousExpiresAt for a roll: until when the previous secret keeps working
 */
public record ApiKeyChanged(String type, ApiKey key, Instant at, Instant previousExpiresAt) {

    public static final String CREATED = "api_key.created";
    public static final String ROLLED = "api_key.rolled";
    public static final String REVOKED = "api_key.revoked";
}
