package eu.billing.customers.platform.tenancy;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;

/** Creating organizations and minting their keys (the admin bootstrap). */
@ApplicationScoped
@Transactional
public class Organizations {

    private final ApiKeys apiKeys;
    private final ApiKeyLifecycle lifecycle;
    private final Clock clock;

    public Organizations(ApiKeys apiKeys, ApiKeyLifecycle lifecycle, Clock clock) {
        this.apiKeys = apiKeys;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    public record Created(Organization organization, ApiKeys.Minted apiKey) {
    }

    public Created create(String name, String defaultCurrency) {
        Organization org = insert(Ids.newId(), name, defaultCurrency);
        return new Created(org, lifecycle.mint(org.id, "initial key", Role.ADMIN, null));
    }

    /** A key for any organization (the platform admin). */
    public ApiKeys.Minted mintKey(UUID organizationId, String name, Role role, Instant expiresAt) {
        requireExists(organizationId);
        return lifecycle.mint(organizationId, name, role, expiresAt);
    }

    /** Revokes a key of any organization (the platform admin), with the same rules as the organization's own. */
    public ApiKey revokeKey(UUID organizationId, UUID keyId) {
        requireExists(organizationId);
        return lifecycle.revoke(organizationId, keyId);
    }

    private static void requireExists(UUID organizationId) {
        if (Organization.findById(organizationId) == null) {
            throw new DomainException(ErrorCode.ORGANIZATION_NOT_FOUND, "no organization " + organizationId);
        }
    }

    /** Creates the organization named by a fixed key unless it exists (dev-mode seed). */
    public boolean ensureSeeded(String apiKey, String name, String defaultCurrency) {
        UUID orgId = ApiKeys.organizationOf(apiKey).orElseThrow(() -> new IllegalArgumentException(
                "customers.dev-seed.api-key must look like ck_<32 hex>_<secret>"));
        if (Organization.findById(orgId) == null) {
            insert(orgId, name, defaultCurrency);
        }
        if (apiKeys.resolve(apiKey).isEmpty()) {
            apiKeys.store(orgId, apiKey, "dev seed key");
            return true;
        }
        return false;
    }

    private Organization insert(UUID id, String name, String defaultCurrency) {
        Instant now = Clocks.now(clock);
        Organization org = new Organization();
        org.id = id;
        org.name = name;
        org.defaultCurrency = defaultCurrency;
        org.createdAt = now;
        org.updatedAt = now;
        org.persist();
        return org;
    }
}
