package eu.billing.customers.platform.tenancy.rest;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.node.ObjectNode;

import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.page.DataEnvelope;
import eu.billing.customers.platform.tenancy.ApiKeys;
import eu.billing.customers.platform.tenancy.Organizations;

/** Bootstrap: organizations and API keys, behind the admin token. */
@Path("/v1/admin/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Admin", description = "Bootstrap with CUSTOMERS_ADMIN_TOKEN")
public class AdminResource {

    private final Organizations organizations;
    private final JsonInput input;

    public AdminResource(Organizations organizations, JsonInput input) {
        this.organizations = organizations;
        this.input = input;
    }

    @POST
    @Operation(summary = "Create an organization and its first API key")
    @RequestBody(content = @org.eclipse.microprofile.openapi.annotations.media.Content(
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = CreateOrganizationRequest.class)))
    @APIResponse(responseCode = "201", description = "Created; the key secret is shown only here")
    @APIResponse(responseCode = "400", description = "Invalid request (problem+json)")
    @APIResponse(responseCode = "401", description = "Missing or wrong admin token (problem+json)")
    public Response create(ObjectNode body) {
        CreateOrganizationRequest request = input.bind(body, CreateOrganizationRequest.class).value();
        Organizations.Created created = organizations.create(request.name().trim(),
                request.defaultCurrency() == null ? "EUR" : request.defaultCurrency());
        OrganizationCreatedView view = new OrganizationCreatedView(
                OrganizationView.of(created.organization()), ApiKeyView.of(created.apiKey()));
        return Response.created(URI.create("/v1/admin/organizations/" + created.organization().id))
                .entity(new DataEnvelope<>(view)).build();
    }

    @POST
    @Path("/{id}/api-keys")
    @Operation(summary = "Mint another API key for an organization")
    @APIResponse(responseCode = "201", description = "Created; the key secret is shown only here")
    @APIResponse(responseCode = "401", description = "Missing or wrong admin token (problem+json)")
    @APIResponse(responseCode = "404", description = "No such organization (problem+json)")
    public Response mintKey(@PathParam("id") String id, ObjectNode body) {
        String name = null;
        if (body != null) {
            name = input.bind(body, CreateApiKeyRequest.class).value().name();
        }
        ApiKeys.Minted minted = organizations.mintKey(Ids.parse(id, "id"), name);
        return Response.status(Response.Status.CREATED)
                .entity(new DataEnvelope<>(new ApiKeyEnvelope(ApiKeyView.of(minted)))).build();
    }
}
