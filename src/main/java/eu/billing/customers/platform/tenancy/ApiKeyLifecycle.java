package eu.billing.customers.platform.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.page.KeysetQuery;
import eu.billing.customers.platform.page.ListEnvelope;
import eu.billing.customers.platform.page.Page;
import eu.billing.customers.platform.page.PageRequest;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.problem.ValidationFailed;

/**
 * Minting, listing, rolling and revoking an organization's API keys, for the organization's admin
 * keys ({@code /v1/api-keys}) and the platform admin ({@code /v1/admin/organizations/{id}/api-keys})
 * alike. Every change fires {@link ApiKeyChanged} in its transaction (the audit trail records it).
 */
@ApplicationScoped
@Transactional
public class ApiKeyLifecycle {

    /** How long a rolled key's previous secret keeps working unless the request says otherwise. */
    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);

    private final Clock clock;
    private final Caller caller;
    private final ApiKeys apiKeys;
    private final EntityManager em;
    private final Event<ApiKeyChanged> changes;
    private final TransactionSynchronizationRegistry transactions;

    public ApiKeyLifecycle(Clock clock, Caller caller, ApiKeys apiKeys, EntityManager em, Event<ApiKeyChanged> changes,
            TransactionSynchronizationRegistry transactions) {
        this.clock = clock;
        this.caller = caller;
        this.apiKeys = apiKeys;
        this.em = em;
        this.changes = changes;
        this.transactions = transactions;
    }

    /** A new key of the organization; its secret is in the answer only. */
    public ApiKeys.Minted mint(UUID organizationId, String name, Role role, Instant expiresAt) {
        Instant now = Clocks.now(clock);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ValidationFailed.of("expires_at", "must be in the future");
        }
        String secret = ApiKeys.newSecret(organizationId);
        ApiKey key = new ApiKey();
        key.id = Ids.newId();
        key.organizationId = organizationId;
        key.keyHash = ApiKeys.hash(secret);
        key.prefix = ApiKeys.prefixOf(secret);
        key.name = name;
        key.role = role.wire();
        key.expiresAt = expiresAt;
        key.createdAt = now;
        key.createdByType = caller.apiKeyId() != null ? "api_key" : caller.admin() ? "admin" : "system";
        key.createdByApiKeyId = caller.apiKeyId();
        key.createdByLabel = caller.actorLabel();
        key.persist();
        changes.fire(new ApiKeyChanged(ApiKeyChanged.CREATED, key, now, null));
        return new ApiKeys.Minted(key, secret);
    }

    /** A newest-first page of the organization's keys, revoked and expired ones included. */
    public ListEnvelope<ApiKey> list(UUID organizationId, PageRequest page) {
        List<ApiKey> rows = KeysetQuery.over("api_keys", "created_at", organizationId).fetch(em, ApiKey.class, page);
        return Page.of(rows, page, "api_keys", k -> k.createdAt, k -> k.id);
    }

    public ApiKey get(UUID organizationId, UUID keyId) {
        ApiKey key = ApiKey.find("organizationId = ?1 and id = ?2", organizationId, keyId).firstResult();
        if (key == null) {
            throw notFound(keyId);
        }
        return key;
    }

    /**
     * Revokes a key: it stops on this replica at commit and on every other within the cache's
     * maximum age. Revoking a revoked key changes nothing. The organization's last active admin key
     * cannot be revoked (409 LAST_ADMIN_KEY): the organization row is locked first, so two
     * concurrent revocations of its last two admin keys cannot both pass the check.
     */
    public ApiKey revoke(UUID organizationId, UUID keyId) {
        lockOrganization(organizationId);
        ApiKey key = locked(organizationId, keyId);
        if (key.revokedAt != null) {
            return key;
        }
        Instant now = Clocks.now(clock);
        if (Role.ADMIN.wire().equals(key.role) && key.activeAt(now)) {
            long otherAdmins = ApiKey.count("organizationId = ?1 and id <> ?2 and role = ?3 and revokedAt is null "
                    + "and (expiresAt is null or expiresAt > ?4)", organizationId, keyId, Role.ADMIN.wire(), now);
            if (otherAdmins == 0) {
                throw new DomainException(ErrorCode.LAST_ADMIN_KEY, "this is the organization's last active admin key: "
                        + "mint another admin key before revoking it");
            }
        }
        key.revokedAt = now;
        forgetAtCompletion(keyId);
        changes.fire(new ApiKeyChanged(ApiKeyChanged.REVOKED, key, now, null));
        return key;
    }

    /**
     * A new secret for the same key record (same id, role, name and expiry). The previous secret
     * keeps working for {@code overlap} (0 to 7 days); a secret older than that stops at once.
     */
    public ApiKeys.Minted roll(UUID organizationId, UUID keyId, Duration overlap) {
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw ValidationFailed.of("expires_in", "must be an ISO 8601 duration from PT0S to P7D");
        }
        ApiKey key = locked(organizationId, keyId);
        Instant now = Clocks.now(clock);
        if (!key.activeAt(now)) {
            throw new DomainException(ErrorCode.API_KEY_INACTIVE, "a revoked or expired key cannot be rolled");
        }
        String secret = ApiKeys.newSecret(organizationId);
        key.previousKeyHash = key.keyHash;
        key.previousExpiresAt = now.plus(overlap);
        key.keyHash = ApiKeys.hash(secret);
        key.prefix = ApiKeys.prefixOf(secret);
        key.rolledAt = now;
        forgetAtCompletion(keyId);
        changes.fire(new ApiKeyChanged(ApiKeyChanged.ROLLED, key, now, key.previousExpiresAt));
        return new ApiKeys.Minted(key, secret);
    }

    private ApiKey locked(UUID organizationId, UUID keyId) {
        ApiKey key = ApiKey.<ApiKey>find("organizationId = ?1 and id = ?2", organizationId, keyId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (key == null) {
            throw notFound(keyId);
        }
        return key;
    }

    private void lockOrganization(UUID organizationId) {
        Organization org = em.find(Organization.class, organizationId, LockModeType.PESSIMISTIC_WRITE);
        if (org == null) {
            throw new DomainException(ErrorCode.ORGANIZATION_NOT_FOUND, "no organization " + organizationId);
        }
    }

    /** This replica forgets the key's cached secrets once the transaction ends (others within the cache's age). */
    private void forgetAtCompletion(UUID keyId) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing before
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    apiKeys.forget(keyId);
                }
            }
        });
    }

    private static DomainException notFound(UUID keyId) {
        return new DomainException(ErrorCode.API_KEY_NOT_FOUND, "no API key " + keyId + " in this organization");
    }
}
