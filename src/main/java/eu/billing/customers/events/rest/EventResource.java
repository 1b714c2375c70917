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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.billing.customers.events.EventListing;
import eu.billing.customers.platform.page.ListEnvelope;
import eu.billing.customers.platform.page.PageRequest;
import eu.billing.customers.platform.problem.ProblemDocument;
import eu.billing.customers.platform.problem.Problems;

/** The audit trail of the organization. */
@Path("/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
@SecurityRequirement(name = "api_key")
public class EventResource {

    private final EventListing events;

    public EventResource(EventListing events) {
        this.events = events;
    }

    @GET
    @Operation(summary = "List events, newest first")
    @APIResponse(responseCode = "200", description = "A page of events",
            content = @Content(schema = @Schema(implementation = EventPage.class)))
    @APIResponse(responseCode = "400", description = "Bad limit, type, customer_id or cursor",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    public ListEnvelope<EventView> list(
            @Parameter(description = "Page size, 1 to 100 (default 20)", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit,
            @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Event type, such as customer.updated") @QueryParam("type") String type,
            @Parameter(description = "Only this customer's events") @QueryParam("customer_id") String customerId) {
        EventListing.Filter filter = EventListing.Filter.parse(type, customerId);
        return events.list(filter, PageRequest.of(limit, cursor, filter.canonical())).map(EventView::of);
    }

    /** OpenAPI shape of an event page. */
    @Schema(name = "EventPage")
    public record EventPage(java.util.List<EventView> data, ListEnvelope.Pagination pagination) {
    }
}
