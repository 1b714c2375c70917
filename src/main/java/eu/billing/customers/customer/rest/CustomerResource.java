package eu.billing.customers.customer.rest;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.billing.customers.platform.idempotency.IdempotentWrites;
import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerInput;
import eu.billing.customers.customer.CustomerListing;
import eu.billing.customers.customer.CustomerReads;
import eu.billing.customers.customer.CustomerService;
import eu.billing.customers.customer.CustomerStatus;
import eu.billing.customers.customer.view.CustomerView;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.page.ListEnvelope;
import eu.billing.customers.platform.page.PageRequest;
import eu.billing.customers.platform.problem.ValidationFailed;
import eu.billing.customers.platform.web.Preconditions;

/** The customer record: create/upsert, list, read, update, archive and restore. */
@IdempotentWrites
@Path("/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
public class CustomerResource {

    private static final String CUSTOM_FIELDS = "custom_fields";
    private static final Set<String> CREATE_READ_ONLY = with(CustomerFields.READ_ONLY, "status");
    private static final Set<String> UPDATE_READ_ONLY = with(CustomerFields.READ_ONLY, "mode");

    private final CustomerService customers;
    private final CustomerListing listing;
    private final JsonInput input;
    private final CustomerResponses responses;
    private final CustomerReads reads;

    public CustomerResource(CustomerService customers, CustomerListing listing, JsonInput input,
            CustomerResponses responses, CustomerReads reads) {
        this.customers = customers;
        this.reads = reads;
        this.listing = listing;
        this.input = input;
        this.responses = responses;
    }

    @POST
    @Operation(operationId = "createCustomer",
            summary = "Create a customer (with its primary wallet), or upsert by external_id",
            description = "When external_id belongs to a live customer of the organization, only the fields sent "
                    + "are applied to it (absent fields are left as they are) and the answer is 200; otherwise a "
                    + "customer and its primary wallet are created and the answer is 201. Concurrent creates with "
                    + "one external_id yield one customer. name is required when creating.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CustomerFields.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = CustomerEnvelope.class)),
            headers = @Header(name = "Location", required = true, description = "/v1/customers/{id} of the new customer",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "200", description = "Existing customer updated (upsert by external_id)",
            content = @Content(schema = @Schema(implementation = CustomerEnvelope.class)))
    @APIResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION: the upsert hit a customer that cannot change")
    @APIResponse(responseCode = "422", description = "MODE_CHANGE_NOT_ALLOWED: an upsert tried to change mode; "
            + "REASON_REQUIRED: it changes customer_type without a reason; PREFERRED_PROVIDER_DISABLED")
    public Response create(String body) {
        CustomerService.Saved saved = customers.create(CustomerFields.read(input, input.parse(body), CREATE_READ_ONLY));
        Customer c = saved.customer();
        return responses.of(saved.created()
                ? Response.created(URI.create("/v1/customers/" + c.id))
                : Response.ok(), c).build();
    }

    @GET
    @Operation(operationId = "listCustomers", summary = "List customers, newest first",
            description = "Keyset pagination: pass next_cursor back as cursor, with the same filters. Archived and "
                    + "merged customers are listed only when status asks for them. tags: a customer matches when it "
                    + "has all of them. custom_fields[<key>]=<value> (repeatable with other keys): customers whose "
                    + "custom field <key> equals <value> (BOOLEAN: true or false; a NUMBER compares as a number, "
                    + "12.50 matches 12.5); all keys must match, together with status and tags; a key that is not a "
                    + "custom field of the organization is 400. (Not a declared parameter: OpenAPI 3.0 describes it "
                    + "as a deepObject, which generated clients cannot send.)")
    @APIResponse(responseCode = "200", description = "A page of customers",
            content = @Content(schema = @Schema(implementation = CustomerPage.class)))
    public ListEnvelope<CustomerView> list(
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @Parameter(description = "Only customers in this status (default: ACTIVE and SUSPENDED)",
                    schema = @Schema(implementation = CustomerStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "Comma-separated tags; a customer must have all of them", example = "vip,eu")
            @QueryParam("tags") String tags,
            @Context UriInfo uri) {
        CustomerListing.Filter filter = CustomerListing.Filter.parse(status, tags)
                .withCustomFields(listing.customFieldFilter(customFieldConditions(uri)));
        return responses.page(listing.read(filter, PageRequest.of(limit, cursor, filter.canonical()), responses.tax()));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getCustomer", summary = "Get a customer",
            description = "Answers archived and merged customers too. ETag is the version.")
    @APIResponse(responseCode = "200", description = "The customer",
            content = @Content(schema = @Schema(implementation = CustomerEnvelope.class)))
    public Response get(@PathParam("id") String id) {
        return responses.ok(reads.get(Ids.parse(id, "id"), responses.tax()));
    }

    @PATCH
    @Path("/{id}")
    @Operation(operationId = "updateCustomer", summary = "Update a customer",
            description = "Partial update: an absent field is unchanged, null clears a nullable field. "
                    + "If-Match with the ETag makes the update conditional. mode changes only through "
                    + "changeBillingMode; a customer_type change needs a reason.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CustomerFields.class)))
    @APIResponse(responseCode = "200", description = "The updated customer",
            content = @Content(schema = @Schema(implementation = CustomerEnvelope.class)))
    @APIResponse(responseCode = "409", description = "EXTERNAL_ID_CONFLICT, or INVALID_STATE_TRANSITION (archived "
            + "or merged customer; current_status says which)")
    @APIResponse(responseCode = "412", description = "VERSION_CONFLICT: If-Match is not the current version")
    @APIResponse(responseCode = "422", description = "REASON_REQUIRED, PREFERRED_PROVIDER_DISABLED")
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String body) {
        CustomerInput changes = CustomerFields.read(input, input.parse(body), UPDATE_READ_ONLY);
        return responses.ok(customers.update(Ids.parse(id, "id"), changes,
                Preconditions.expectedVersion(ifMatch)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "archiveCustomer", summary = "Archive a customer (soft delete)",
            description = "Status ARCHIVED, deleted_at set, the external_id becomes free. Idempotent.")
    @APIResponse(responseCode = "200", description = "The archived customer",
            content = @Content(schema = @Schema(implementation = CustomerEnvelope.class)))
    @APIResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION (merged customer)")
    @APIResponse(responseCode = "412", description = "VERSION_CONFLICT: If-Match is not the current version")
    public Response archive(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return responses.ok(customers.archive(Ids.parse(id, "id"), Preconditions.expectedVersion(ifMatch)));
    }

    @POST
    @Path("/{id}/restore")
    @Operation(operationId = "restoreCustomer", summary = "Restore an archived customer",
            description = "Status ACTIVE again, deleted_at cleared. Restoring a live customer answers it unchanged.")
    @APIResponse(responseCode = "200", description = "The restored customer",
            content = @Content(schema = @Schema(implementation = CustomerEnvelope.class)))
    @APIResponse(responseCode = "409", description = "EXTERNAL_ID_CONFLICT (its external_id was reused meanwhile) or "
            + "INVALID_STATE_TRANSITION (a merged customer)")
    public Response restore(@PathParam("id") String id) {
        return responses.ok(customers.restore(Ids.parse(id, "id")));
    }

    /** The {@code custom_fields[<key>]=<value>} query parameters, key to value; a malformed one is 400. */
    private static Map<String, String> customFieldConditions(UriInfo uri) {
        Map<String, String> conditions = new TreeMap<>();
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters().entrySet()) {
            String name = parameter.getKey();
            if (!name.startsWith(CUSTOM_FIELDS)) {
                continue;
            }
            if (!name.startsWith(CUSTOM_FIELDS + "[") || !name.endsWith("]") || name.length() == CUSTOM_FIELDS.length() + 2) {
                throw ValidationFailed.of(name, "filter by a custom field as custom_fields[<key>]=<value>");
            }
            if (parameter.getValue().size() != 1) {
                throw ValidationFailed.of(name, "may be given once");
            }
            conditions.put(name.substring(CUSTOM_FIELDS.length() + 1, name.length() - 1), parameter.getValue().get(0));
        }
        return conditions;
    }

    private static Set<String> with(Set<String> base, String extra) {
        Set<String> set = new HashSet<>(base);
        set.add(extra);
        return Set.copyOf(set);
    }

    /** OpenAPI shape of {@code {"data": Customer}}. */
    @Schema(name = CustomerView.ENVELOPE, requiredProperties = "data")
    public record CustomerEnvelope(CustomerView data) {
    }

    /** OpenAPI shape of a customer page. */
    @Schema(name = "CustomerPage", requiredProperties = { "data", "pagination" })
    public record CustomerPage(java.util.List<CustomerView> data, ListEnvelope.Pagination pagination) {
    }
}
