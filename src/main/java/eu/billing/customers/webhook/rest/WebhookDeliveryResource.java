package eu.billing.customers.webhook.rest;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.page.DataEnvelope;
import eu.billing.customers.platform.page.ListEnvelope;
import eu.billing.customers.platform.page.PageRequest;
import eu.billing.customers.webhook.Deliveries;
import eu.billing.customers.platform.idempotency.IdempotentWrites;

/** The delivery log of an endpoint, and sending again (docs/webhooks.md). */
@IdempotentWrites
@Path("/v1/webhook-endpoints/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhookDeliveryResource {

    private final Deliveries deliveries;
    private final JsonInput input;

    public WebhookDeliveryResource(Deliveries deliveries, JsonInput input) {
        this.deliveries = deliveries;
        this.input = input;
    }

    @GET
    @Path("/deliveries")
    @Operation(operationId = "listWebhookDeliveryAttempts", summary = "List an endpoint's delivery attempts, newest first",
            description = "Every attempt: its event, attempt number, outcome, HTTP status or error, duration and the "
                    + "next attempt when one is due. Keyset pagination: pass next_cursor back as cursor.")
    @APIResponse(responseCode = "200", description = "A page of attempts",
            content = @Content(schema = @Schema(implementation = DeliveryAttemptPage.class)))
    public ListEnvelope<DeliveryAttemptView> list(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        var endpointId = Ids.parse(id, "id");
        return deliveries.attempts(endpointId, PageRequest.of(limit, cursor, Deliveries.attemptsQuery(endpointId)))
                .map(DeliveryAttemptView::of);
    }

    @POST
    @Path("/deliveries/{delivery}/retry")
    @Operation(operationId = "retryWebhookDelivery", summary = "Send one delivery again, now",
            description = "Queues the delivery (an event to this endpoint) due now, with a fresh retry window, whatever "
                    + "its earlier attempts came to. Signed with the endpoint's current secrets; webhook-id stays the "
                    + "event id, so consumers can tell a repeat.")
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(schema = @Schema(implementation = QueuedEnvelope.class)))
    @APIResponse(responseCode = "409", description = "WEBHOOK_ENDPOINT_DISABLED: enable the endpoint first")
    public Response retry(@PathParam("id") String id,
            @Parameter(description = "The delivery_id of an attempt", schema = @Schema(type =
                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "uuid"))
            @PathParam("delivery") String delivery) {
        var endpointId = Ids.parse(id, "id");
        var deliveryId = Ids.parse(delivery, "delivery");
        return Response.accepted(new DataEnvelope<>(QueuedView.of(deliveries.retry(endpointId, deliveryId)))).build();
    }

    @POST
    @Path("/replay")
    @Operation(operationId = "replayWebhookEvents", summary = "Send a range of events again",
            description = "Queues every event of the organization that occurred in [from, to) and that the endpoint "
                    + "subscribes to, up to 10000 per request (next_from says where to continue), so a consumer that "
                    + "lost data can catch up. Events already delivered are sent again: consumers deduplicate by "
                    + "webhook-id.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReplayRequest.class)))
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(schema = @Schema(implementation = QueuedEnvelope.class)))
    @APIResponse(responseCode = "409", description = "WEBHOOK_ENDPOINT_DISABLED: enable the endpoint first")
    public Response replay(@PathParam("id") String id, String body) {
        var endpointId = Ids.parse(id, "id");
        ReplayRequest r = input.bind(body, ReplayRequest.class).value();
        return Response.accepted(new DataEnvelope<>(QueuedView.of(deliveries.replay(endpointId, r.from(), r.to()))))
                .build();
    }

    /** OpenAPI shape of a page of attempts. */
    @Schema(name = "WebhookDeliveryAttemptPage", requiredProperties = { "data", "pagination" })
    public record DeliveryAttemptPage(List<DeliveryAttemptView> data, ListEnvelope.Pagination pagination) {
    }

    /** OpenAPI shape of {@code {"data": WebhookDeliveriesQueued}}. */
    @Schema(name = "WebhookDeliveriesQueuedEnvelope", requiredProperties = "data")
    public record QueuedEnvelope(QueuedView data) {
    }
}
