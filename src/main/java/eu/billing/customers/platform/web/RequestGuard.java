package eu.billing.customers.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.problem.Problems;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * First handler of every HTTP request (API, health, OpenAPI alike): gives it a request id,
 * echoed in {@code X-Request-Id} on the response, and refuses bodies over 1 MiB with a problem
 * document before any of the body is read.
 */
@ApplicationScoped
public class RequestGuard {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final long MAX_BODY_BYTES = 1024 * 1024;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private final ObjectMapper mapper;

    public RequestGuard(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::handle);
    }

    void handle(RoutingContext rc) {
        String id = rc.request().getHeader(REQUEST_ID);
        if (id == null || !CLIENT_ID.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
            rc.request().headers().set(REQUEST_ID, id);
        }
        rc.response().putHeader(REQUEST_ID, id);
        String length = rc.request().getHeader("Content-Length");
        if (length != null && tooLarge(length)) {
            reject(rc, id);
            return;
        }
        rc.next();
    }

    private static boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void reject(RoutingContext rc, String id) {
        String body;
        try {
            body = mapper.writeValueAsString(Problems.body(ErrorCode.PAYLOAD_TOO_LARGE,
                    "the request body is larger than 1 MiB", id, null));
        } catch (JsonProcessingException e) {
            body = "{}";
        }
        rc.response().setStatusCode(413)
                .putHeader("Content-Type", Problems.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(body);
    }
}
