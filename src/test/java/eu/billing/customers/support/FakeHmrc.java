package eu.billing.customers.support;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake of HMRC's "Check a UK VAT number" API v2 and its OAuth token endpoint, with the shapes of
 * HMRC's published OpenAPI file (hmrc/vat-registered-companies-api, 2.0/application.yaml): 200
 * {@code {target: {name, vatNumber, address: {line1, ..., postcode, countryCode}}, processingDate}}
 * (plus {@code requester} and {@code consultationNumber} on the verified path), 404
 * {@code {code: NOT_FOUND, message}}, 403 and 400 {@code INVALID_REQUEST}; it insists on
 * {@code Accept: application/vnd.hmrc.2.0+json} (else 406) and on a bearer token it issued (else 401).
 *
 * <p>The token endpoint takes the client-credentials form and answers
 * {@code {access_token, token_type: bearer, expires_in: 14400, scope: read:vat}}. The client id picks
 * its behaviour by its start (tests add a random tail so that counters are their own):
 * {@code token-500}, {@code token-rejected} (401 {@code invalid_client}), {@code token-garbage},
 * {@code slow-token} (300 ms), {@code revoking} (each token works for one lookup, then 401),
 * {@code always-401} (lookups always 401); any other id gets ordinary tokens.
 * Counters: {@code /calls/<vrn>} (lookups of that number), {@code /calls/token:<client id>};
 * {@link #maxConcurrent}{@code (vrn)}: the most lookups of that number under way at once.
 */
public class FakeHmrc extends FakeRegister {

    /** 403 INVALID_REQUEST: the requester VRN is not registered. */
    public static final String REQUESTER_NOT_REGISTERED = "26";
    /** 400 INVALID_REQUEST. */
    public static final String INVALID_REQUEST = "27";
    /** The API platform's 404 for a path it does not know: a wrong base URL, not a verdict. */
    public static final String WRONG_RESOURCE = "28";

    private static final String LOOKUP = "/organisations/vat/check-vat-number/lookup/";

    private final Map<String, String> tokenClients = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> tokenUses = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();

    @Override
    protected Map<String, String> config(String base) {
        return Map.of("customers.hmrc.base-url", base, "fake-hmrc.url", base);
    }

    @Override
    protected void routes(HttpServer server) {
        server.createContext("/oauth/token", this::token);
        server.createContext(LOOKUP, this::lookup);
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = form(body(ex));
        String client = form.getOrDefault("client_id", "");
        count("token:" + client);
        if (!"POST".equals(ex.getRequestMethod()) || !"client_credentials".equals(form.get("grant_type"))
                || !"read:vat".equals(form.get("scope")) || form.getOrDefault("client_secret", "").isEmpty()) {
            sendJson(ex, 400, Map.of("error", "invalid_request", "error_description", "bad form"));
            return;
        }
        if (client.startsWith("token-500")) {
            send(ex, 500, "text/plain", "upstream failure");
        } else if (client.startsWith("token-rejected")) {
            sendJson(ex, 401, Map.of("error", "invalid_client", "error_description", "invalid client id or secret"));
        } else if (client.startsWith("token-garbage")) {
            send(ex, 200, "application/json", "{\"access_tok");
        } else {
            if (client.startsWith("slow-token")) {
                sleep(300);
            }
            String token = client + "." + issued.incrementAndGet();
            tokenClients.put(token, client);
            sendJson(ex, 200, Map.of("access_token", token, "token_type", "bearer", "expires_in", 14400,
                    "scope", "read:vat"));
        }
    }

    private void lookup(HttpExchange ex) throws IOException {
        String[] path = ex.getRequestURI().getPath().substring(LOOKUP.length()).split("/");
        try (InFlight.Call running = begin(path[0])) {
            lookup(ex, path[0], path.length > 1 ? path[1] : null);
        }
    }

    private void lookup(HttpExchange ex, String vrn, String requester) throws IOException {
        int call = count(vrn);
        String accept = ex.getRequestHeaders().getFirst("Accept");
        if (accept == null || !accept.contains("application/vnd.hmrc.2.0+json")) {
            sendJson(ex, 406, problem("ACCEPT_HEADER_INVALID", "The accept header is missing or invalid"));
            return;
        }
        if (!authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
            sendJson(ex, 401, problem("INVALID_CREDENTIALS", "Invalid Authentication information provided"));
            return;
        }
        String scenario = vrn.substring(0, 2);
        if (common(ex, scenario, call, "application/json", e -> found(e, vrn, requester))) {
            return;
        }
        switch (scenario) {
            case NOT_FOUND -> sendJson(ex, 404, problem("NOT_FOUND", "targetVrn does not match a registered company"));
            case REQUESTER_NOT_REGISTERED -> sendJson(ex, 403,
                    problem("INVALID_REQUEST", "requesterVrn does not match a registered company"));
            case INVALID_REQUEST -> sendJson(ex, 400,
                    problem("INVALID_REQUEST", "Invalid targetVrn - Vrn parameters should be 9 or 12 digits"));
            case WRONG_RESOURCE -> sendJson(ex, 404, problem("MATCHING_RESOURCE_NOT_FOUND",
                    "A resource with the name in the request can not be found in the API"));
            default -> found(ex, vrn, requester);
        }
    }

    private static void found(HttpExchange ex, String vrn, String requester) throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("target", Map.of("name", "Credite Sberger Donal Inc.", "vatNumber", vrn,
                "address", Map.of("line1", "131B Barton Hamlet", "line2", "London", "postcode", "SW97 5CK",
                        "countryCode", "GB")));
        if (requester != null) {
            answer.put("requester", requester);
            answer.put("consultationNumber", "cn" + vrn.substring(2, 9));
        }
        answer.put("processingDate", "2025-01-15T10:00:00+00:00");
        sendJson(ex, 200, answer);
    }

    /** HMRC's error shape. */
    private static Map<String, String> problem(String code, String message) {
        return Map.of("code", code, "message", message);
    }

    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String token = authorization.substring("Bearer ".length());
        String client = tokenClients.get(token);
        if (client == null || client.startsWith("always-401")) {
            return false;
        }
        return !client.startsWith("revoking") || tokenUses.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet() == 1;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
