package eu.billing.customers.tax.register;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The open Enhetsregisteret API of the Brønnøysund Register Centre (built in {@link BrregVerifier}). */
@Path("/")
public interface BrregApi {

    @GET
    @Path("enhetsregisteret/api/enheter/{orgnr}")
    @Produces(MediaType.APPLICATION_JSON)
    Response unit(@PathParam("orgnr") String organisationNumber);
}
