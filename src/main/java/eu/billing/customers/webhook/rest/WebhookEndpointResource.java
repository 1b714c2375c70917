package eu.billing.customers.webhook.rest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
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

import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.page.DataEnvelope;
import eu.billing.customers.platform.page.ListEnvelope;
import eu.billing.customers.platform.page.PageRequest;
import eu.billing.customers.platform.web.Preconditions;
import eu.billing.customers.webhook.WebhookEndpoint;
import eu.billing.customers.webhook.WebhookEndpoints;
import eu.billing.customers.platform.idempotency.IdempotentWrites;

/** The organization's webhook endpoints (docs/webhooks.md). Admin-only under the roles of issue 15. */
@IdempotentWrites
@Path("/v1/webhook-endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhookEndpointResource {

    private final WebhookEndpoints endpoints;
    private final JsonInput input;
    private final Clock clock;

    public WebhookEndpointResource(WebhookEndpoints endpoints, JsonInput input, Clock clock) {
        this.endpoints = endpoints;
        this.input = input;
        this.clock = clock;
    }

    @POST
    @Operation(operationId = "createWebhookEndpoint", summary = "Create a webhook endpoint",
            description = "Events of the types in enabled_events are POSTed to url, signed the Standard Webhooks way. "
                    + "The answer carries the signing secret: it is shown this once.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WebhookEndpointFields.class)))
    @APIResponse(responseCode = "201", description = "Created, with its secret",
            content = @Content(schema = @Schema(implementation = WebhookEndpointEnvelope.class)),
            headers = @Header(name = "Location", required = true,
                    description = "/v1/webhook-endpoints/{id} of the new endpoint", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "WEBHOOK_ENDPOINT_LIMIT_REACHED: the organization has 20 endpoints")
    public Response create(String body) {
        WebhookEndpoint e = endpoints.create(WebhookEndpointFields.read(input, input.parse(body)));
        return answer(Response.created(URI.create("/v1/webhook-endpoints/" + e.id)), e, true);
    }

    @GET
    @Operation(operationId = "listWebhookEndpoints", summary = "List webhook endpoints, newest first",
            description = "Keyset pagination: pass next_cursor back as cursor. Secrets are never listed.")
    @APIResponse(responseCode = "200", description = "A page of endpoints",
            content = @Content(schema = @Schema(implementation = WebhookEndpointPage.class)))
    public ListEnvelope<WebhookEndpointView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        var now = Clocks.now(clock);
        return endpoints.list(PageRequest.of(limit, cursor, WebhookEndpoints.LIST_QUERY))
                .map(e -> WebhookEndpointView.of(e, false, now));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhookEndpoint", summary = "Get a webhook endpoint",
            description = "Without its secret. ETag is the version.")
    @APIResponse(responseCode = "200", description = "The endpoint",
            content = @Content(schema = @Schema(implementation = WebhookEndpointEnvelope.class)))
    public Response get(@PathParam("id") String id) {
        return answer(Response.ok(), endpoints.get(Ids.parse(id, "id")), false);
    }

    @PATCH
    @Path("/{id}")
    @Operation(operationId = "updateWebhookEndpoint", summary = "Update a webhook endpoint",
            description = "Partial update: only the fields sent change. disabled: true stops deliveries (the queued "
                    + "ones are dropped; replay re-sends a range later); false re-enables. If-Match with the ETag "
                    + "makes the update conditional.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WebhookEndpointFields.class)))
    @APIResponse(responseCode = "200", description = "The updated endpoint",
            content = @Content(schema = @Schema(implementation = WebhookEndpointEnvelope.class)))
    @APIResponse(responseCode = "412", description = "VERSION_CONFLICT: If-Match is not the current version")
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String body) {
        var endpointId = Ids.parse(id, "id");
        var version = Preconditions.expectedVersion(ifMatch);
        var fields = WebhookEndpointFields.read(input, input.parse(body));
        return answer(Response.ok(), endpoints.update(endpointId, fields, version), false);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Delete a webhook endpoint",
            description = "Its queued deliveries and its delivery log are deleted with it: nothing more is sent.")
    @APIResponse(responseCode = "200", description = "The deleted endpoint, as it was",
            content = @Content(schema = @Schema(implementation = WebhookEndpointEnvelope.class)))
    @APIResponse(responseCode = "412", description = "VERSION_CONFLICT: If-Match is not the current version")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        var endpointId = Ids.parse(id, "id");
        return answer(Response.ok(), endpoints.delete(endpointId, Preconditions.expectedVersion(ifMatch)), false);
    }

    @POST
    @Path("/{id}/secret/roll")
    @Operation(operationId = "rollWebhookEndpointSecret", summary = "Roll the signing secret",
            description = "A new secret, shown in this answer only. The previous one keeps signing beside it (two "
                    + "signatures per delivery) for expires_in seconds, 24 hours by default, so consumers can switch "
                    + "without losing a delivery.")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = RollSecretRequest.class)))
    @APIResponse(responseCode = "200", description = "The endpoint with its new secret",
            content = @Content(schema = @Schema(implementation = WebhookEndpointEnvelope.class)))
    @APIResponse(responseCode = "412", description = "VERSION_CONFLICT: If-Match is not the current version")
    public Response rollSecret(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String body) {
        var endpointId = Ids.parse(id, "id");
        var version = Preconditions.expectedVersion(ifMatch);
        Long seconds = body == null || body.isBlank() ? null : input.bind(body, RollSecretRequest.class).value().expiresIn();
        return answer(Response.ok(), endpoints.rollSecret(endpointId, seconds == null ? null : Duration.ofSeconds(seconds),
                version), true);
    }

    private Response answer(Response.ResponseBuilder builder, WebhookEndpoint e, boolean withSecret) {
        return builder.tag(new EntityTag(String.valueOf(e.version)))
                .entity(new DataEnvelope<>(WebhookEndpointView.of(e, withSecret, Clocks.now(clock)))).build();
    }

    /** OpenAPI shape of {@code {"data": WebhookEndpoint}}. */
    @Schema(name = "WebhookEndpointEnvelope", requiredProperties = "data")
    public record WebhookEndpointEnvelope(WebhookEndpointView data) {
    }

    /** OpenAPI shape of a page of endpoints. */
    @Schema(name = "WebhookEndpointPage", requiredProperties = { "data", "pagination" })
    public record WebhookEndpointPage(List<WebhookEndpointView> data, ListEnvelope.Pagination pagination) {
    }
}
