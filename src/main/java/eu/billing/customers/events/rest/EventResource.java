package eu.billing.customers.events.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.billing.customers.events.EventListing;
import eu.billing.customers.events.EventView;
import eu.billing.customers.platform.page.ListEnvelope;
import eu.billing.customers.platform.page.PageRequest;

/** The audit trail of the organization. */
@Path("/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventResource {

    private final EventListing events;

    public EventResource(EventListing events) {
        this.events = events;
    }

    @GET
    @Operation(operationId = "listEvents", summary = "List events, newest first",
            description = "The organization's audit trail: every change with its before and after, the API key and "
                    + "X-Actor that made it, and its reason. Keyset pagination: pass next_cursor back as cursor, with "
                    + "the same filters.")
    @APIResponse(responseCode = "200", description = "A page of events",
            content = @Content(schema = @Schema(implementation = EventPage.class)))
    public ListEnvelope<EventView> list(
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @Parameter(description = "Event type, such as customer.updated") @QueryParam("type") String type,
            @Parameter(description = "Only this customer's events", schema = @Schema(type = SchemaType.STRING,
                    format = "uuid")) @QueryParam("customer_id") String customerId) {
        EventListing.Filter filter = EventListing.Filter.parse(type, customerId);
        return events.list(filter, PageRequest.of(limit, cursor, filter.canonical())).map(EventView::of);
    }

    /** OpenAPI shape of an event page. */
    @Schema(name = "EventPage", requiredProperties = { "data", "pagination" })
    public record EventPage(java.util.List<EventView> data, ListEnvelope.Pagination pagination) {
    }
}
