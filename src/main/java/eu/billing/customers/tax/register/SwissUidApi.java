package eu.billing.customers.tax.register;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * The Swiss UID register's public SOAP 1.1 service, as a plain JAX-RS client that posts an envelope
 * to the service URL (built in {@link SwissUidVerifier}; no generated code). SOAP faults arrive as
 * HTTP 500 with a fault body, so the answer is a raw {@link Response}.
 */
public interface SwissUidApi {

    @POST
    @Consumes("text/xml; charset=utf-8")
    @Produces("text/xml")
    Response post(@HeaderParam("SOAPAction") String soapAction, String envelope);
}
