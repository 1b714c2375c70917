package eu.billing.customers.platform.ops;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.MDC;

/** Test-only endpoint: answers the request id that log lines written here would carry. */
@Path("/test-support/mdc")
public class MdcEchoResource {

    @GET
    @Operation(hidden = true)
    @Produces(MediaType.TEXT_PLAIN)
    public String requestId() {
        Object id = MDC.get(RequestIdLogging.MDC_KEY);
        return id == null ? "" : id.toString();
    }
}
