package eu.billing.customers.vat;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import eu.billing.customers.common.problem.Problems;
import eu.billing.customers.common.web.RequestGuard;

/** The problem document of an open maintenance window, plus its Retry-After header. */
public class ViesMaintenanceWindowMapper {

    @ServerExceptionMapper
    public Response maintenance(ViesMaintenanceWindowOpen e, HttpHeaders headers) {
        String requestId = headers == null ? null : headers.getHeaderString(RequestGuard.REQUEST_ID);
        return Response.fromResponse(Problems.response(e.code(), e.getMessage(), requestId, e.extensions()))
                .header("Retry-After", String.valueOf(e.retryAfterSeconds())).build();
    }
}
