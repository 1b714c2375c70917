package eu.billing.customers.platform.web;

import java.util.Locale;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import eu.billing.customers.platform.problem.Problems;

/**
 * A client whose {@code Accept} names {@code application/problem+json} (generated clients send the
 * media types of every answer an operation documents, errors included, and some send only that
 * one) is answered, not refused: errors come as {@code application/problem+json} as always, and
 * successes as {@code application/json}, the only representation they have. RFC 9110 lets a server
 * disregard Accept rather than answer 406; here it would only break clients that did nothing
 * wrong. An Accept that names neither still answers 406 NOT_ACCEPTABLE (docs/openapi.md).
 */
public class ProblemJsonAccept {

    private static final String ALSO_JSON = ", application/json;q=0.1";

    @ServerRequestFilter(preMatching = true)
    public void acceptJsonToo(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains(Problems.MEDIA_TYPE)) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept + ALSO_JSON);
        }
    }
}
