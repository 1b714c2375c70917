package eu.billing.customers.tax.register;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.Guard;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import eu.billing.customers.customer.VatValidationStatus;

/**
 * Asks VIES about one number. Transient failures (member state down, rate limits, 5xx, timeouts)
 * are retried a bounded number of times with exponential backoff; a member state whose registry
 * keeps failing is left alone for a while (one circuit breaker per country code). Whatever goes
 * wrong, the answer is UNAVAILABLE, never INVALID.
 */
@ApplicationScoped
public class ViesClient {

    private static final Logger LOG = Logger.getLogger(ViesClient.class);

    /** Codes that say only that VIES could not answer now; retried. */
    static final Set<String> TRANSIENT = Set.of("MS_UNAVAILABLE", "SERVICE_UNAVAILABLE", "TIMEOUT",
            "MS_MAX_CONCURRENT_REQ", "MS_MAX_CONCURRENT_REQ_TIME", "GLOBAL_MAX_CONCURRENT_REQ",
            "GLOBAL_MAX_CONCURRENT_REQ_TIME");
    /** Codes that say our own set-up is wrong; UNAVAILABLE, not retried, logged as configuration problems. */
    static final Set<String> CONFIGURATION = Set.of("VAT_BLOCKED", "IP_BLOCKED", "INVALID_REQUESTER_INFO");
    /** VIES's placeholder for a name or address it does not publish. */
    private static final String UNPUBLISHED = "---";

    private final ViesConfig config;
    private final ObjectMapper mapper;
    private final ViesApi api;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();

    public ViesClient(ViesConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.baseUrl().endsWith("/") ? config.baseUrl() : config.baseUrl() + "/"))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .disableDefaultMapper(true)
                .build(ViesApi.class);
    }

    /**
     * Checks {@code country}+{@code national}. The requester fields (the organization's own VAT
     * number) are sent when given; VIES then returns a request identifier.
     */
    public ViesAnswer check(String country, String national, String requesterCountry, String requesterNumber) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("countryCode", country);
        request.put("vatNumber", national);
        if (requesterCountry != null && requesterNumber != null) {
            request.put("requesterMemberStateCode", requesterCountry);
            request.put("requesterNumber", requesterNumber);
        }
        try {
            return guard(country).call(() -> once(request), ViesAnswer.class);
        } catch (Transient e) {
            return ViesAnswer.unavailable(e.code);
        } catch (CircuitBreakerOpenException e) {
            return ViesAnswer.unavailable("CIRCUIT_OPEN");
        } catch (Exception e) {
            LOG.warnf("VIES check of %s failed unexpectedly: %s", country, e.toString());
            return ViesAnswer.unavailable("CLIENT_ERROR");
        }
    }

    /** One HTTP exchange; throws {@link Transient} for what a retry may cure. */
    private ViesAnswer once(Map<String, Object> request) {
        Response response;
        try {
            response = api.checkVatNumber(request);
        } catch (RuntimeException e) {
            throw new Transient(isTimeout(e) ? "READ_TIMEOUT" : "CONNECTION_FAILED");
        }
        try (response) {
            int status = response.getStatus();
            if (status >= 300 && status < 400) {
                LOG.warnf("VIES answered a redirect (%d); treated as unavailable", status);
                return ViesAnswer.unavailable("REDIRECT");
            }
            JsonNode body = parse(response);
            String error = firstError(body);
            if (error != null) {
                return fromError(error);
            }
            if (status >= 500) {
                throw new Transient("HTTP_" + status);
            }
            if (status == 429) {
                throw new Transient("HTTP_429");
            }
            if (status >= 400) {
                LOG.errorf("VIES answered HTTP %d without an error code: check customers.vies.base-url", status);
                return ViesAnswer.unavailable("HTTP_" + status);
            }
            if (body == null || !body.isObject() || !body.path("valid").isBoolean()) {
                return ViesAnswer.unavailable("MALFORMED_RESPONSE");
            }
            boolean valid = body.get("valid").booleanValue();
            return new ViesAnswer(valid ? VatValidationStatus.VALID : VatValidationStatus.INVALID,
                    published(body, "name"), published(body, "address"), text(body, "requestDate"),
                    text(body, "requestIdentifier"), null);
        }
    }

    private ViesAnswer fromError(String error) {
        if (error.equals("INVALID_INPUT")) {
            return ViesAnswer.invalid(error);
        }
        if (TRANSIENT.contains(error)) {
            throw new Transient(error);
        }
        if (CONFIGURATION.contains(error)) {
            LOG.errorf("VIES refused the check with %s: a configuration problem (requester VAT number, "
                    + "blocked IP or blocked number), not a verdict on the customer's number", error);
        } else {
            LOG.warnf("VIES answered the unknown error code %s; treated as unavailable", error);
        }
        return ViesAnswer.unavailable(error);
    }

    private JsonNode parse(Response response) {
        try {
            String text = response.readEntity(String.class);
            return text == null || text.isBlank() ? null : mapper.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    private static String firstError(JsonNode body) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode wrappers = body.path("errorWrappers");
        if (wrappers.isArray() && !wrappers.isEmpty()) {
            String error = wrappers.get(0).path("error").asText(null);
            return error == null || error.isBlank() ? "UNKNOWN_ERROR" : error;
        }
        if (body.path("actionSucceed").isBoolean() && !body.get("actionSucceed").booleanValue()) {
            return "UNKNOWN_ERROR";
        }
        return null;
    }

    private static String published(JsonNode body, String field) {
        String value = text(body, field);
        return value == null || value.isBlank() || value.trim().equals(UNPUBLISHED) ? null : value.trim();
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private Guard guard(String country) {
        return guards.computeIfAbsent(country, c -> RegisterGuards.create("VIES " + c, config, Transient.class));
    }

    /** A failure a retry may cure; becomes UNAVAILABLE with its code when retries run out. */
    static final class Transient extends RuntimeException {
        final String code;

        Transient(String code) {
            super(code, null, false, false);
            this.code = code;
        }
    }
}
