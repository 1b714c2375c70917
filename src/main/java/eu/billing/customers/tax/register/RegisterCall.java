package eu.billing.customers.tax.register;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.platform.Clocks;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.Guard;

/**
 * The fault rules every register call follows (the rules the VIES client set): a timeout, a refused
 * connection, a 429 or a 5xx is retried with exponential backoff a bounded number of times within
 * the call and then UNAVAILABLE; a redirect is not followed and is UNAVAILABLE; a garbled answer is
 * UNAVAILABLE; a register that keeps failing is left alone for a while by its circuit breaker
 * (UNAVAILABLE {@code CIRCUIT_OPEN} without a call). Only the register's own "no such number" is
 * INVALID. One instance per register, so one breaker per register.
 */
final class RegisterCall {

    private static final Logger LOG = Logger.getLogger(RegisterCall.class);

    private final TaxRegister register;
    private final Clock clock;
    private final Guard guard;

    RegisterCall(TaxRegister register, RegisterConfig config, Clock clock) {
        this.register = register;
        this.clock = clock;
        this.guard = RegisterGuards.create(register.name(), config, Transient.class);
    }

    /** A Quarkus REST client of {@code api} at {@code url}: the configured timeouts, redirects not followed, raw responses. */
    static <T> T client(Class<T> api, String url, RegisterConfig config) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(url))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .disableDefaultMapper(true)
                .build(api);
    }

    /** {@code url} with one trailing slash, for clients whose paths are relative to it. */
    static String directory(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    /** Runs one check: {@code once} is one exchange, retried when it throws {@link Transient}. Never throws. */
    TaxIdVerification run(Callable<TaxIdVerification> once) {
        try {
            return guard.call(once, TaxIdVerification.class);
        } catch (Transient e) {
            return unavailable(e.code);
        } catch (Answered e) {
            return e.verification;
        } catch (CircuitBreakerOpenException e) {
            return unavailable("CIRCUIT_OPEN");
        } catch (Exception e) {
            LOG.warnf("%s check failed unexpectedly: %s", register, e.toString());
            return unavailable("CLIENT_ERROR");
        }
    }

    /** The failure of an exchange that threw (no answer at all): retried. */
    static Transient noAnswer(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return new Transient("READ_TIMEOUT");
            }
        }
        return new Transient("CONNECTION_FAILED");
    }

    /**
     * The answer for statuses every register treats alike, or {@code null} for the others: a
     * redirect is UNAVAILABLE (not followed: during outages registers redirect to maintenance
     * pages); 429 and 5xx throw {@link Transient} (retried).
     */
    TaxIdVerification commonFault(int status) {
        if (status >= 300 && status < 400) {
            LOG.warnf("%s answered a redirect (%d); treated as unavailable", register, status);
            return unavailable("REDIRECT");
        }
        if (status == 429 || status >= 500) {
            throw new Transient("HTTP_" + status);
        }
        return null;
    }

    /** The body as text; {@code null} when it cannot be read. */
    static String text(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code text} as JSON; {@code null} when it is missing or not JSON. */
    static JsonNode json(ObjectMapper mapper, String text) {
        try {
            return text == null || text.isBlank() ? null : mapper.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** The text of {@code node.field}; {@code null} when absent, null or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank() ? null
                : value.asText().trim();
    }

    TaxIdVerification valid(Instant checkedAt, String name, String address, String reference) {
        return TaxIdVerification.valid(register, checkedAt, name, address, reference);
    }

    TaxIdVerification invalid(String errorCode) {
        return TaxIdVerification.invalid(register, now(), errorCode);
    }

    TaxIdVerification unavailable(String errorCode) {
        return TaxIdVerification.unavailable(register, now(), errorCode);
    }

    /** A 4xx the register should never answer us: our set-up is wrong. UNAVAILABLE, logged at ERROR, not retried. */
    TaxIdVerification misconfigured(String errorCode, String why) {
        LOG.errorf("%s refused the check with %s: %s (a configuration problem, not a verdict on the number)",
                register, errorCode, why);
        return unavailable(errorCode);
    }

    /** The register's processing time, or now when it gave none or an unreadable one. */
    Instant at(String registerTime) {
        return at(registerTime, clock);
    }

    /** {@code registerTime} ({@code 2019-01-31T12:43:17+00:00}) as an instant, or now when missing or unreadable. */
    static Instant at(String registerTime, Clock clock) {
        if (registerTime != null) {
            try {
                return OffsetDateTime.parse(registerTime).toInstant().truncatedTo(ChronoUnit.MICROS);
            } catch (DateTimeParseException e) {
                LOG.debugf("unreadable register time %s", registerTime);
            }
        }
        return Clocks.now(clock);
    }

    Instant now() {
        return Clocks.now(clock);
    }

    /** A failure a retry may cure; UNAVAILABLE with its code when retries run out. */
    static final class Transient extends RuntimeException {
        final String code;

        Transient(String code) {
            super(code, null, false, false);
            this.code = code;
        }
    }

    /**
     * An answer found deep in an exchange (such as a token request HMRC refused): ends the check
     * with {@code verification}, without a retry.
     */
    static final class Answered extends RuntimeException {
        final TaxIdVerification verification;

        Answered(TaxIdVerification verification) {
            super(verification.errorCode(), null, false, false);
            this.verification = verification;
        }
    }
}
