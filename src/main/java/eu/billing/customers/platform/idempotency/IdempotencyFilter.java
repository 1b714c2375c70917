package eu.billing.customers.platform.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.tenancy.Caller;

/**
 * {@code Idempotency-Key} on every POST, PUT, PATCH and DELETE under /v1 (but /v1/admin, which has
 * no organization to scope keys to). The request filter answers a repeat from the stored answer
 * ({@code Idempotent-Replayed: true}), refuses the key reused for another request (422
 * IDEMPOTENCY_KEY_REUSED) or while its first request runs (409 IDEMPOTENCY_KEY_IN_PROGRESS), and
 * otherwise lets the request run:
 * <ul>
 * <li>an ordinary route runs in one transaction with the storing of its answer
 * ({@link IdempotencyInterceptor}, {@link IdempotentWrites});</li>
 * <li>a route that calls a remote service ({@link #OWN_TRANSACTIONS}) must not hold a transaction
 * across the call: its key is claimed first (a committed 'running' row), the route runs with its
 * own transactions, and the response filter stores the answer on the claim;</li>
 * <li>an answer the request itself caused (a 4xx but 429) is stored by the response filter after
 * the change rolled back; a 5xx is never stored, so that a retry runs.</li>
 * </ul>
 */
public class IdempotencyFilter {

    private static final Logger LOG = Logger.getLogger(IdempotencyFilter.class);

    public static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 255;
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]{1,255}");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** A route, by method and path pattern ({@code *} is one path segment). */
    public record Route(String method, String pattern) {

        boolean matches(String requestMethod, String path) {
            if (!method.equals(requestMethod)) {
                return false;
            }
            String[] want = pattern.split("/");
            String[] have = path.split("/");
            if (want.length != have.length) {
                return false;
            }
            for (int i = 0; i < want.length; i++) {
                if (!want[i].equals("*") && !want[i].equals(have[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Routes that make a synchronous remote call (a register) and so run their own short
     * transactions around it: their key is a committed claim, never a transaction held across the
     * call. Declared in advance for routes still being built.
     */
    public static final List<Route> OWN_TRANSACTIONS = List.of(
            new Route("POST", "/v1/customers/*/vat-verification"),
            new Route("POST", "/v1/customers/*/tax-ids/*/verification"));

    private final Caller caller;
    private final IdempotencyContext context;
    private final IdempotencyStore store;
    private final Idempotency idempotency;

    public IdempotencyFilter(Caller caller, IdempotencyContext context, IdempotencyStore store, Idempotency idempotency) {
        this.caller = caller;
        this.context = context;
        this.store = store;
        this.idempotency = idempotency;
    }

    public static boolean ownTransactions(String method, String path) {
        return OWN_TRANSACTIONS.stream().anyMatch(r -> r.matches(method, path));
    }

    /** After authentication and the rate limit. */
    @ServerRequestFilter(priority = Priorities.USER + 200)
    public Optional<Response> accept(ContainerRequestContext request) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String path = request.getUriInfo().getPath();
        String key = request.getHeaderString(HEADER);
        if (key == null || !WRITES.contains(method) || !path.startsWith("/v1/") || path.startsWith("/v1/admin/")) {
            return Optional.empty();
        }
        if (!PRINTABLE.matcher(key).matches()) {
            throw new DomainException(ErrorCode.INVALID_HEADER,
                    HEADER + " must be 1 to " + MAX_LENGTH + " printable ASCII characters");
        }
        byte[] body = readBody(request);
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        byte[] hash = IdempotencyStore.requestHash(method, path + (query == null ? "" : "?" + query), body);
        boolean own = ownTransactions(method, path);
        context.accept(caller.organizationId(), key, hash, method, path, own);
        Optional<StoredResponse> existing = store.find(caller.organizationId(), key);
        if (existing.isPresent()) {
            Optional<Response> answer = idempotency.answerFor(existing.get(), hash);
            if (answer.isPresent()) {
                return answer;
            }
        }
        if (own && !store.claim(context)) {
            Optional<StoredResponse> now = store.find(caller.organizationId(), key);
            return Optional.of(now.flatMap(s -> idempotency.answerFor(s, hash)).orElseThrow(idempotency::inProgress));
        }
        return Optional.empty();
    }

    /** Answers the stored response of a request that turned out to be a repeat once the key was locked. */
    @ServerExceptionMapper
    public Response replay(IdempotentReplay replay) {
        context.outcome(IdempotencyContext.Outcome.NOT_STORED);
        return replay.stored().replay();
    }

    /** Stores what the interceptor could not: a 4xx the request caused, a remote-call route's answer. */
    @ServerResponseFilter
    public void store(ContainerResponseContext response) {
        if (!context.active() || context.outcome() != IdempotencyContext.Outcome.PENDING) {
            return;
        }
        int status = response.getStatus();
        try {
            if (status >= 500 || status == 429 || status < 200) {
                if (context.ownTransactions()) {
                    store.release(context);
                }
                return;
            }
            if (status < 300 && !context.ownTransactions()) {
                // a resource class without @IdempotentWrites (IdempotencyCoverageTest forbids it): store anyway
                LOG.warnf("%s %s answered without @IdempotentWrites; its answer is stored after the change",
                        context.method(), context.path());
            }
            MediaType type = response.getMediaType();
            store.storeDone(context, status, type == null ? null : type.toString(), idempotency.body(response.getEntity()),
                    response.getHeaderString("Location"), etag(response));
            context.outcome(IdempotencyContext.Outcome.STORED);
        } catch (RuntimeException e) {
            // the answer stands; only its replay is lost (a retry runs again, as without a key)
            LOG.warnf("the answer to %s %s was not stored under its %s: %s", context.method(), context.path(), HEADER,
                    e.getMessage());
        }
    }

    static String etag(ContainerResponseContext response) {
        EntityTag tag = response.getEntityTag();
        return tag == null ? response.getHeaderString("ETag") : (tag.isWeak() ? "W/" : "") + "\"" + tag.getValue() + "\"";
    }

    private static byte[] readBody(ContainerRequestContext request) {
        if (!request.hasEntity()) {
            return new byte[0];
        }
        try {
            byte[] body = request.getEntityStream().readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
