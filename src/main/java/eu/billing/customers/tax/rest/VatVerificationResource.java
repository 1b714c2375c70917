package eu.billing.customers.tax.rest;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.billing.customers.platform.idempotency.IdempotentWrites;
import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerReads;
import eu.billing.customers.customer.view.CustomerView;
import eu.billing.customers.customer.view.TaxProfileSource;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.page.DataEnvelope;
import eu.billing.customers.platform.page.ListEnvelope;
import eu.billing.customers.platform.page.PageRequest;
import eu.billing.customers.platform.problem.ValidationFailed;
import eu.billing.customers.tax.VatChecks;
import eu.billing.customers.tax.VatVerificationListing;
import eu.billing.customers.tax.ManualOverrides;

/** VAT validation of one customer: a live VIES check, manual overrides, and the history. */
@IdempotentWrites
@Path("/v1/customers/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "VAT validation")
public class VatVerificationResource {

    private static final int MAX_REASON = 500;

    private final VatChecks checks;
    private final ManualOverrides overrides;
    private final VatVerificationListing listing;
    private final JsonInput input;
    private final TaxProfileSource tax;
    private final CustomerReads reads;

    public VatVerificationResource(VatChecks checks, ManualOverrides overrides, VatVerificationListing listing,
            JsonInput input, TaxProfileSource tax, CustomerReads reads) {
        this.checks = checks;
        this.overrides = overrides;
        this.listing = listing;
        this.input = input;
        this.tax = tax;
        this.reads = reads;
    }

    @POST
    @Path("/vat-verification")
    @Operation(operationId = "checkVatNumber", summary = "Check the customer's VAT number with VIES now",
            description = "Synchronous; answers the updated customer, UNAVAILABLE included (VIES could not answer; "
                    + "a recheck is queued). A number whose format cannot be valid is INVALID without calling VIES. "
                    + "Idempotent: calling it again only refreshes the verdict. While a manual override is in force "
                    + "the check is recorded in the history and the status stays MANUAL. One check of a number asks "
                    + "the register at a time, whichever replica serves it.")
    @APIResponse(responseCode = "200", description = "The customer with its new vat_validation_status",
            content = @Content(schema = @Schema(ref = CustomerView.ENVELOPE)))
    @APIResponse(responseCode = "409", description = "VAT_VALIDATION_DISABLED (organization kill switch), "
            + "VAT_VALIDATION_OPTED_OUT (customer's vat_validation_disabled), TAX_ID_PROVIDER_DISABLED (its "
            + "register switched off), or TAX_ID_VERIFICATION_IN_PROGRESS (another request or a background check "
            + "is asking the register about this number, on any replica: retry)")
    @APIResponse(responseCode = "422", description = "VAT_NUMBER_MISSING")
    @APIResponse(responseCode = "503", description = "VIES_MAINTENANCE_WINDOW (window_closes_at says until when), "
            + "or SERVICE_UNAVAILABLE; retry after Retry-After seconds")
    public Response check(@PathParam("id") String id) {
        return ok(checks.checkNow(Ids.parse(id, "id")));
    }

    @PUT
    @Path("/vat-verification/manual-override")
    @Operation(operationId = "setVatOverride", summary = "Set a manual VAT-validation override",
            description = "Writes a MANUAL verification row with reason, actor and expiry and sets the status MANUAL "
                    + "until the expiry (ttl, an ISO-8601 duration, or expires_at; at most the organization's "
                    + "manual_override_max_ttl). Replaces an override in force.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = OverrideRequest.class)))
    @APIResponse(responseCode = "200", description = "The customer, status MANUAL",
            content = @Content(schema = @Schema(ref = CustomerView.ENVELOPE)))
    @APIResponse(responseCode = "422", description = "VAT_NUMBER_MISSING")
    public Response setOverride(@PathParam("id") String id, String body) {
        UUID customerId = Ids.parse(id, "id");
        var bound = input.bind(body, OverrideRequest.class);
        OverrideRequest request = bound.value();
        if (request.reason() == null || request.reason().isBlank()) {
            throw ValidationFailed.of("reason", "is required");
        }
        if (request.reason().length() > MAX_REASON) {
            throw ValidationFailed.of("reason", "must be at most " + MAX_REASON + " characters");
        }
        return ok(overrides.set(customerId, request.reason().strip(), request.ttl(), request.expiresAt()));
    }

    @DELETE
    @Path("/vat-verification/manual-override")
    @Operation(operationId = "clearVatOverride", summary = "Clear the manual VAT-validation override",
            description = "Ends the override in force (its row becomes PENDING) and sets the status UNVALIDATED until "
                    + "the next check lands. Idempotent: without an override in force, the same answer and nothing written.")
    @APIResponse(responseCode = "200", description = "The customer",
            content = @Content(schema = @Schema(ref = CustomerView.ENVELOPE)))
    public Response clearOverride(@PathParam("id") String id) {
        return ok(overrides.clear(Ids.parse(id, "id")));
    }

    @GET
    @Path("/vat-verifications")
    @Operation(operationId = "listVatVerifications", summary = "The customer's VAT verification history, newest first",
            description = "Every check of every tax identifier (VIES, HMRC, CH_UID, BRREG or FORMAT; tax_id names the identifier, null for the primary) and every manual override, with source, result, number, "
                    + "VIES request identifier, name and address, error code, actor, reason and expiry.")
    @APIResponse(responseCode = "200", description = "A page of verification rows",
            content = @Content(schema = @Schema(implementation = VatVerificationPage.class)))
    public ListEnvelope<VatVerificationView> history(@PathParam("id") String id,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        UUID customerId = Ids.parse(id, "id");
        return listing.list(customerId, PageRequest.of(limit, cursor, VatVerificationListing.query(customerId)))
                .map(VatVerificationView::of);
    }

    private Response ok(Customer c) {
        return Response.ok(new DataEnvelope<>(CustomerView.of(c, reads.joined(c, tax))))
                .tag(new EntityTag(String.valueOf(c.version))).build();
    }

    /** OpenAPI shape of a history page. */
    @Schema(name = "VatVerificationPage", requiredProperties = { "data", "pagination" })
    public record VatVerificationPage(java.util.List<VatVerificationView> data, ListEnvelope.Pagination pagination) {
    }
}
