package eu.billing.customers.platform.ops;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import eu.billing.customers.platform.web.RequestGuard;

/**
 * Puts the request id ({@code X-Request-Id}, set on every request by {@link RequestGuard}) into
 * the logging MDC as {@value #MDC_KEY}, so that every log line written while serving an API
 * request carries it (the prod JSON log prints the MDC as {@code "mdc":{"request_id":...}}).
 * Quarkus keeps the MDC in the request's Vert.x duplicated context, so it follows the request
 * from the event loop to the worker thread and never leaks into another request.
 */
public class RequestIdLogging {

    public static final String MDC_KEY = "request_id";

    @ServerRequestFilter(preMatching = true)
    public void tag(ContainerRequestContext request) {
        String id = request.getHeaderString(RequestGuard.REQUEST_ID);
        if (id != null) {
            MDC.put(MDC_KEY, id);
        }
    }

    @ServerResponseFilter
    public void untag() {
        MDC.remove(MDC_KEY);
    }
}
