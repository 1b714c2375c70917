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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
    @Operation(operationId = "createOrganization", summary = "Create an organization and its first API key",
            description = "Bootstrap with the admin token: a new organization (tenant) and an API key for it. The "
                    + "key's secret is in this answer only; only its hash is stored.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateOrganizationRequest.class)))
    @APIResponse(responseCode = "201", description = "Created; api_key.secret is shown only here",
            content = @Content(schema = @Schema(implementation = OrganizationCreatedEnvelope.class)),
            headers = @Header(name = "Location", required = true, description = "/v1/admin/organizations/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response create(String body) {
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
    @Operation(operationId = "createApiKey", summary = "Mint another API key for an organization",
            description = "For key rotation: the organization's existing keys stay valid. The secret is in this answer "
                    + "only. The body is optional.")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = CreateApiKeyRequest.class)))
    @APIResponse(responseCode = "201", description = "Created; api_key.secret is shown only here",
            content = @Content(schema = @Schema(implementation = ApiKeyCreatedEnvelope.class)))
    public Response mintKey(@PathParam("id") String id, String body) {
        String name = null;
        if (body != null && !body.isEmpty()) {
            name = input.bind(body, CreateApiKeyRequest.class).value().name();
        }
        ApiKeys.Minted minted = organizations.mintKey(Ids.parse(id, "id"), name);
        return Response.status(Response.Status.CREATED)
                .entity(new DataEnvelope<>(new ApiKeyEnvelope(ApiKeyView.of(minted)))).build();
    }

    /** OpenAPI shape of the answer of createOrganization. */
    @Schema(name = "OrganizationCreatedEnvelope", requiredProperties = "data")
    public record OrganizationCreatedEnvelope(OrganizationCreatedView data) {
    }

    /** OpenAPI shape of the answer of createApiKey. */
    @Schema(name = "ApiKeyCreatedEnvelope", requiredProperties = "data")
    public record ApiKeyCreatedEnvelope(ApiKeyEnvelope data) {
    }
}
