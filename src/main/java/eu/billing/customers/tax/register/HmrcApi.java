package eu.billing.customers.tax.register;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * HMRC's OAuth token endpoint and the "Check a UK VAT number" API v2 (Quarkus REST client, built in
 * {@link HmrcVerifier}). Answers are raw {@link Response}s so that every status and body maps explicitly.
 */
@Path("/")
public interface HmrcApi {

    /** The version-2 media type; HMRC routes on the Accept header. */
    String VERSION_2 = "application/vnd.hmrc.2.0+json";

    /** OAuth 2.0 client credentials grant, scope {@code read:vat}. */
    @POST
    @Path("oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret, @FormParam("scope") String scope);

    @GET
    @Path("organisations/vat/check-vat-number/lookup/{targetVrn}")
    @Produces(VERSION_2)
    Response lookup(@PathParam("targetVrn") String targetVrn, @HeaderParam("Authorization") String authorization);

    /** The verified check: HMRC answers a {@code consultationNumber} for the requester. */
    @GET
    @Path("organisations/vat/check-vat-number/lookup/{targetVrn}/{requesterVrn}")
    @Produces(VERSION_2)
    Response lookup(@PathParam("targetVrn") String targetVrn, @PathParam("requesterVrn") String requesterVrn,
            @HeaderParam("Authorization") String authorization);
}
