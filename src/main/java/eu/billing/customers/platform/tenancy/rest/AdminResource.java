package eu.billing.customers.platform.tenancy.rest;

import java.net.URI;
import java.time.Clock;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.page.DataEnvelope;
import eu.billing.customers.platform.tenancy.ApiKeys;
import eu.billing.customers.platform.tenancy.Organizations;
import eu.billing.customers.platform.tenancy.Role;

/** Bootstrap: organizations and API keys, behind the admin token. */
@Path("/v1/admin/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Admin", description = "Bootstrap with CUSTOMERS_ADMIN_TOKEN")
public class AdminResource {

    private final Organizations organizations;
    private final JsonInput input;
    private final Clock clock;

    public AdminResource(Organizations organizations, JsonInput input, Clock clock) {
        this.organizations = organizations;
        this.input = input;
        this.clock = clock;
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
                OrganizationView.of(created.organization()), ApiKeySecretView.of(created.apiKey(), clock));
        return Response.created(URI.create("/v1/admin/organizations/" + created.organization().id))
                .entity(new DataEnvelope<>(view)).build();
    }

    @POST
    @Path("/{id}/api-keys")
    @Operation(operationId = "createApiKey", summary = "Mint another API key for an organization",
            description = "Any organization's key, as its admin keys mint them on POST /v1/api-keys (role defaults to "
                    + "admin here). The organization's existing keys stay valid. The secret is in this answer only. The "
                    + "body is optional.")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = CreateApiKeyRequest.class)))
    @APIResponse(responseCode = "201", description = "Created; api_key.secret is shown only here",
            content = @Content(schema = @Schema(implementation = ApiKeyCreatedEnvelope.class)))
    public Response mintKey(@PathParam("id") String id, String body) {
        java.util.UUID organizationId = Ids.parse(id, "id");
        CreateApiKeyRequest request = new CreateApiKeyRequest(null, null, null);
        if (body != null && !body.isEmpty()) {
            request = input.bind(body, CreateApiKeyRequest.class).value();
        }
        Role role = request.role() == null ? Role.ADMIN : ApiKeyResource.role(request.role());
        ApiKeys.Minted minted = organizations.mintKey(organizationId, request.name(), role, request.expiresAt());
        return Response.status(Response.Status.CREATED)
                .entity(new DataEnvelope<>(new ApiKeyEnvelope(ApiKeySecretView.of(minted, clock)))).build();
    }

    @DELETE
    @Path("/{id}/api-keys/{key_id}")
    @Operation(operationId = "revokeOrganizationApiKey", summary = "Revoke an API key of an organization",
            description = "As DELETE /v1/api-keys/{id} does for the organization's admin keys: the key stops working "
                    + "on every replica within 5 seconds; the organization's last active admin key cannot be revoked.")
    @APIResponse(responseCode = "200", description = "The revoked key",
            content = @Content(schema = @Schema(implementation = ApiKeyResource.ApiKeyEnvelopeSchema.class)))
    @APIResponse(responseCode = "404", description = "ORGANIZATION_NOT_FOUND, API_KEY_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "LAST_ADMIN_KEY: mint another admin key first")
    public DataEnvelope<ApiKeyView> revokeKey(@PathParam("id") String id,
            @Parameter(description = "The key's id", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("key_id") String keyId) {
        return new DataEnvelope<>(ApiKeyView.of(organizations.revokeKey(Ids.parse(id, "id"), Ids.parse(keyId, "key_id")),
                clock));
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
