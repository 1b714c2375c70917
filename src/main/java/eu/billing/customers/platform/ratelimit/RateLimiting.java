package eu.billing.customers.platform.ratelimit;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import eu.billing.customers.platform.tenancy.Caller;

/**
 * Applies the per-organization rate limit to every authenticated /v1 request (not to the admin
 * routes, health or OpenAPI). Runs after {@code Authentication}, so only a valid key spends its
 * organization's tokens: a forged key naming another organization cannot exhaust that
 * organization's bucket.
 */
public class RateLimiting {

    private final RateLimitConfig config;
    private final TokenBuckets buckets;
    private final Caller caller;

    public RateLimiting(RateLimitConfig config, TokenBuckets buckets, Caller caller) {
        this.config = config;
        this.buckets = buckets;
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void limit(ContainerRequestContext request) {
        if (!config.enabled() || caller.admin() || !request.getUriInfo().getPath().startsWith("/v1/")) {
            return;
        }
        long retryAfter = buckets.take(caller.organizationId());
        if (retryAfter > 0) {
            throw new RateLimited(retryAfter);
        }
    }
}
