package eu.billing.customers.tax.register;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The VIES REST API (Quarkus REST client, built in {@link ViesClient}). The answer is taken as a
 * raw {@link Response} because VIES reports failures in bodies of any status, and a redirect or a
 * malformed body must become UNAVAILABLE rather than an exception. The request is a map so that
 * its camelCase names are not touched by the API's snake_case naming strategy.
 */
@Path("/")
public interface ViesApi {

    @POST
    @Path("check-vat-number")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response checkVatNumber(Map<String, Object> request);
}
