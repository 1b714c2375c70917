package eu.billing.customers.customer.rest;

import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.node.ObjectNode;

import eu.billing.customers.platform.idempotency.IdempotentWrites;
import eu.billing.customers.customer.CustomerService;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.problem.ValidationFailed;
import eu.billing.customers.platform.web.Preconditions;

/**
 * Accounting decisions on a customer, each its own operation with a reason, an actor and an event:
 * billing mode, customer type, payment-provider settings. All forward-looking.
 */
@IdempotentWrites
@Path("/v1/customers/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Customer operations")
@APIResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION (archived or merged customer; "
        + "current_status says which)")
@APIResponse(responseCode = "412", description = "VERSION_CONFLICT: If-Match is not the current version")
public class CustomerOperationsResource {

    private final CustomerService customers;
    private final JsonInput input;
    private final CustomerResponses responses;

    public CustomerOperationsResource(CustomerService customers, JsonInput input, CustomerResponses responses) {
        this.customers = customers;
        this.input = input;
        this.responses = responses;
    }

    @POST
    @Path("/billing-mode")
    @Operation(operationId = "changeBillingMode", summary = "Change the billing mode (PREPAID / POSTPAID)",
            description = "The customer and all of its wallets flip together, in one transaction. No balance is "
                    + "moved or recomputed. Setting the current mode answers 200 and writes nothing. "
                    + "Event customer.mode_changed.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ModeChangeRequest.class)))
    @APIResponse(responseCode = "200", description = "The updated customer",
            content = @Content(schema = @Schema(implementation = CustomerResource.CustomerEnvelope.class)))
    public Response billingMode(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String body) {
        ModeChangeRequest request = input.bind(body, ModeChangeRequest.class).value();
        return responses.ok(customers.changeMode(Ids.parse(id, "id"), request.mode(), request.reason().trim(),
                Preconditions.expectedVersion(ifMatch)));
    }

    @POST
    @Path("/customer-type")
    @Operation(operationId = "changeCustomerType", summary = "Change the customer type (BUSINESS / CONSUMER / UNKNOWN)",
            description = "Forward-looking: prior invoices are not re-issued. Event customer.type_changed carries "
                    + "corrective_invoice_candidate, true exactly for UNKNOWN to BUSINESS with an EU billing country.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CustomerTypeChangeRequest.class)))
    @APIResponse(responseCode = "200", description = "The updated customer",
            content = @Content(schema = @Schema(implementation = CustomerResource.CustomerEnvelope.class)))
    public Response customerType(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String body) {
        ObjectNode json = input.parse(body);
        input.bind(json, CustomerTypeChangeRequest.class);
        // the same code path as PATCH /v1/customers/{id} with customer_type and reason
        return responses.ok(customers.update(Ids.parse(id, "id"), CustomerFields.read(input, json, Set.of()),
                Preconditions.expectedVersion(ifMatch)));
    }

    @PATCH
    @Path("/payment-providers")
    @Operation(operationId = "updatePaymentProviders", summary = "Update payment-provider settings",
            description = "Changes only preferred_provider and/or disabled_providers. Names come from the configured "
                    + "provider list; duplicates are folded. Event customer.payment_providers_changed.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PaymentProvidersRequest.class)))
    @APIResponse(responseCode = "200", description = "The updated customer",
            content = @Content(schema = @Schema(implementation = CustomerResource.CustomerEnvelope.class)))
    @APIResponse(responseCode = "422", description = "PREFERRED_PROVIDER_DISABLED: the preferred provider is among "
            + "the disabled ones")
    public Response paymentProviders(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            String body) {
        ObjectNode json = input.parse(body);
        var request = input.bind(json, PaymentProvidersRequest.class);
        if (request.present().isEmpty()) {
            throw ValidationFailed.of("preferred_provider", "send preferred_provider and/or disabled_providers");
        }
        return responses.ok(customers.update(Ids.parse(id, "id"), CustomerFields.read(input, json, Set.of()),
                Preconditions.expectedVersion(ifMatch)));
    }
}
