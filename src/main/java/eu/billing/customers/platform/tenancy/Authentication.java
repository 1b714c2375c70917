package eu.billing.customers.platform.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;

/**
 * Authenticates every /v1 request: {@code /v1/admin/*} with the admin token, everything else
 * with an organization's API key, whose role must allow the route (AccessPolicy). Runs on the worker thread, before the resource method.
 */
public class Authentication {

    public static final String ACTOR_HEADER = "X-Actor";
    private static final int MAX_ACTOR_LENGTH = 200;

    private final ApiKeys apiKeys;
    private final Caller caller;
    private final TenancyConfig config;

    public Authentication(ApiKeys apiKeys, Caller caller, TenancyConfig config) {
        this.apiKeys = apiKeys;
        this.caller = caller;
        this.config = config;
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/v1/")) {
            return;
        }
        String actor = actorLabel(request.getHeaderString(ACTOR_HEADER));
        String token = bearer(request.getHeaderString("Authorization"));
        if (path.startsWith("/v1/admin/")) {
            Optional<String> admin = config.adminToken().filter(t -> !t.isBlank());
            if (token == null || admin.isEmpty() || !constantTimeEquals(token, admin.get())) {
                throw new DomainException(ErrorCode.UNAUTHENTICATED,
                        "the admin routes need Authorization: Bearer <CUSTOMERS_ADMIN_TOKEN>");
            }
            caller.authenticateAdmin(actor);
            return;
        }
        if (token == null) {
            throw new DomainException(ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <api key>");
        }
        ApiKeys.Resolved key = apiKeys.resolve(token).orElseThrow(() -> new DomainException(
                ErrorCode.UNAUTHENTICATED, "the API key is unknown, revoked or expired"));
        apiKeys.touch(key);
        Role needed = AccessPolicy.required(request.getMethod(), path);
        if (!key.role().allows(needed)) {
            throw new DomainException(ErrorCode.FORBIDDEN, request.getMethod() + " " + path + " needs an API key with role "
                    + needed.wire() + "; this key's role is " + key.role().wire())
                    .with("required_role", needed.wire()).with("key_role", key.role().wire());
        }
        caller.authenticate(key.organizationId(), key.keyId(), key.role(), key.defaultCurrency(), actor);
    }

    private static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (value.length() > 7 && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = value.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    private static String actorLabel(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.length() > MAX_ACTOR_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new DomainException(ErrorCode.INVALID_HEADER,
                    ACTOR_HEADER + " must be at most " + MAX_ACTOR_LENGTH + " printable characters");
        }
        return value;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
