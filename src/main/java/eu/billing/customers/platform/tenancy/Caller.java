package eu.billing.customers.platform.tenancy;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is calling: the organization and API key that authenticated the request, and the operator
 * named by {@code X-Actor}. Filled by {@link Authentication}; every change records it.
 */
@RequestScoped
public class Caller {

    private UUID organizationId;
    private UUID apiKeyId;
    private String defaultCurrency;
    private String actorLabel;
    private boolean admin;
    private Role role;

    void authenticate(UUID organizationId, UUID apiKeyId, Role role, String defaultCurrency, String actorLabel) {
        this.organizationId = organizationId;
        this.apiKeyId = apiKeyId;
        this.role = role;
        this.defaultCurrency = defaultCurrency;
        this.actorLabel = actorLabel;
    }

    /** The organization's default currency (for wallets of customers without a preferred one). */
    public String defaultCurrency() {
        return defaultCurrency;
    }

    void authenticateAdmin(String actorLabel) {
        this.admin = true;
        this.actorLabel = actorLabel;
    }

    /** The organization every query of this request is scoped to. */
    public UUID organizationId() {
        if (organizationId == null) {
            throw new IllegalStateException("no organization on this request");
        }
        return organizationId;
    }

    public UUID apiKeyId() {
        return apiKeyId;
    }

    public String actorLabel() {
        return actorLabel;
    }

    /** The API key's role; null for the platform admin token. */
    public Role role() {
        return role;
    }

    public boolean admin() {
        return admin;
    }
}
