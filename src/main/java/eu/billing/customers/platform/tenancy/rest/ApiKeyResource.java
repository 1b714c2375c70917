package eu.billing.customers.platform.tenancy.rest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

import eu.billing.customers.platform.idempotency.IdempotentWrites;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.page.DataEnvelope;
import eu.billing.customers.platform.page.ListEnvelope;
import eu.billing.customers.platform.page.PageRequest;
import eu.billing.customers.platform.problem.ValidationFailed;
import eu.billing.customers.platform.tenancy.ApiKeyLifecycle;
import eu.billing.customers.platform.tenancy.ApiKeys;
import eu.billing.customers.platform.tenancy.Caller;
import eu.billing.customers.platform.tenancy.Role;

/** The organization's own API keys, for its admin keys (AccessPolicy). */
@IdempotentWrites
@Path("/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API keys", description = "Mint, list, roll and revoke the organization's keys (admin keys only)")
public class ApiKeyResource {

    private final ApiKeyLifecycle keys;
    private final Caller caller;
    private final JsonInput input;
    private final Clock clock;

    public ApiKeyResource(ApiKeyLifecycle keys, Caller caller, JsonInput input, Clock clock) {
        this.keys = keys;
        this.caller = caller;
        this.input = input;
        this.clock = clock;
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "List the organization's API keys, newest first",
            description = "Revoked and expired keys included (see status). Secrets are never shown again; prefix "
                    + "identifies a key.")
    @APIResponse(responseCode = "200", description = "A page of keys",
            content = @Content(schema = @Schema(implementation = ApiKeyPage.class)))
    public ListEnvelope<ApiKeyView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return keys.list(caller.organizationId(), PageRequest.of(limit, cursor, "api_keys"))
                .map(k -> ApiKeyView.of(k, clock));
    }

    @POST
    @Operation(operationId = "createOrganizationApiKey", summary = "Mint an API key",
            description = "A new key of the caller's organization with the given role. The secret is in this answer "
                    + "only; only its hash is stored.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateApiKeyRequest.class)))
    @APIResponse(responseCode = "201", description = "Created; secret is shown only here",
            content = @Content(schema = @Schema(implementation = ApiKeySecretEnvelope.class)),
            headers = @Header(name = "Location", required = true, description = "/v1/api-keys/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response create(String body) {
        CreateApiKeyRequest request = input.bind(body, CreateApiKeyRequest.class).value();
        if (request.role() == null) {
            throw ValidationFailed.of("role", "is required: admin, write or read_only");
        }
        ApiKeys.Minted minted = keys.mint(caller.organizationId(), request.name(), role(request.role()),
                request.expiresAt());
        return Response.created(URI.create("/v1/api-keys/" + minted.id()))
                .entity(new DataEnvelope<>(ApiKeySecretView.of(minted, clock))).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getApiKey", summary = "An API key of the organization")
    @APIResponse(responseCode = "200", description = "The key",
            content = @Content(schema = @Schema(implementation = ApiKeyEnvelopeSchema.class)))
    public DataEnvelope<ApiKeyView> get(@PathParam("id") String id) {
        return new DataEnvelope<>(ApiKeyView.of(keys.get(caller.organizationId(), Ids.parse(id, "id")), clock));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key",
            description = "The key stops working on every replica within 5 seconds. Revoking a revoked key changes "
                    + "nothing. The organization's last active admin key cannot be revoked (409 LAST_ADMIN_KEY).")
    @APIResponse(responseCode = "200", description = "The revoked key",
            content = @Content(schema = @Schema(implementation = ApiKeyEnvelopeSchema.class)))
    @APIResponse(responseCode = "409", description = "LAST_ADMIN_KEY: mint another admin key first")
    public DataEnvelope<ApiKeyView> revoke(@PathParam("id") String id) {
        return new DataEnvelope<>(ApiKeyView.of(keys.revoke(caller.organizationId(), Ids.parse(id, "id")), clock));
    }

    @POST
    @Path("/{id}/roll")
    @Operation(operationId = "rollApiKey", summary = "Roll an API key: a new secret for the same key",
            description = "Same id, name, role and expiry; the answer carries the new secret (shown only here). The "
                    + "previous secret keeps working for expires_in (default PT24H, at most P7D; PT0S stops it at "
                    + "once). Rolling again ends the previous-but-one secret at once. The body is optional.")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = RollApiKeyRequest.class)))
    @APIResponse(responseCode = "200", description = "Rolled; secret is shown only here",
            content = @Content(schema = @Schema(implementation = ApiKeySecretEnvelope.class)))
    @APIResponse(responseCode = "409", description = "API_KEY_INACTIVE: the key is revoked or expired")
    public DataEnvelope<ApiKeySecretView> roll(@PathParam("id") String id, String body) {
        java.util.UUID keyId = Ids.parse(id, "id");
        String expiresIn = null;
        if (body != null && !body.isEmpty()) {
            expiresIn = input.bind(body, RollApiKeyRequest.class).value().expiresIn();
        }
        return new DataEnvelope<>(ApiKeySecretView.of(keys.roll(caller.organizationId(), keyId, overlap(expiresIn)),
                clock));
    }

    static Role role(String value) {
        return Role.fromWire(value).orElseThrow(() -> ValidationFailed.of("role", "must be admin, write or read_only"));
    }

    static Duration overlap(String expiresIn) {
        if (expiresIn == null) {
            return ApiKeyLifecycle.DEFAULT_OVERLAP;
        }
        try {
            return Duration.parse(expiresIn.trim());
        } catch (DateTimeParseException e) {
            throw ValidationFailed.of("expires_in", "must be an ISO 8601 duration such as PT24H or P7D (at most P7D)");
        }
    }

    @Schema(name = "ApiKeyPage", requiredProperties = { "data", "pagination" })
    public record ApiKeyPage(List<ApiKeyView> data, ListEnvelope.Pagination pagination) {
    }

    @Schema(name = "ApiKeyEnvelope", requiredProperties = "data")
    public record ApiKeyEnvelopeSchema(ApiKeyView data) {
    }

    @Schema(name = "ApiKeySecretEnvelope", requiredProperties = "data")
    public record ApiKeySecretEnvelope(ApiKeySecretView data) {
    }
}
