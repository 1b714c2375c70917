package eu.billing.customers.platform.tenancy;

import java.util.List;
import java.util.Set;

/**
 * The one table of which {@link Role} each API-key route needs. The first rule whose path prefix
 * and method match decides; without a match, GET and HEAD need {@code read_only} and every other
 * method {@code write}. Routes of features still being built are declared here in advance
 * (webhook endpoints, custom fields), so that they are admin-only from the day they are served.
 * The OpenAPI document shows the role of each operation ({@code x-required-role}, from
 * {@link #required}), and AccessPolicyTest calls every documented operation with keys of every role.
 */
public final class AccessPolicy {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    /** One rule: a path prefix (a whole segment: {@code /v1/api-keys} matches {@code /v1/api-keys/x}), methods, role. */
    public record Rule(String prefix, Set<String> methods, Role role, String why) {

        boolean matches(String method, String path) {
            boolean under = path.equals(prefix) || path.startsWith(prefix + "/");
            return under && (methods.isEmpty() || methods.contains(method));
        }
    }

    private static final Set<String> ANY = Set.of();
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** The exceptions to the default, first match wins. */
    public static final List<Rule> RULES = List.of(
            new Rule("/v1/api-keys", ANY, Role.ADMIN, "API keys are managed by admin keys only"),
            new Rule("/v1/organization/settings", WRITES, Role.ADMIN, "organization settings are changed by admin keys"),
            new Rule("/v1/webhook-endpoints", ANY, Role.ADMIN,
                    "webhook endpoints (URLs and signing secrets) are managed by admin keys, reading included"),
            new Rule("/v1/custom-fields", WRITES, Role.ADMIN, "custom field definitions are changed by admin keys"));

    private AccessPolicy() {
    }

    /** The role a request needs; {@code path} is the request path, such as {@code /v1/customers/123}. */
    public static Role required(String method, String path) {
        String m = method.toUpperCase(java.util.Locale.ROOT);
        for (Rule rule : RULES) {
            if (rule.matches(m, path)) {
                return rule.role();
            }
        }
        return READS.contains(m) ? Role.READ_ONLY : Role.WRITE;
    }
}
