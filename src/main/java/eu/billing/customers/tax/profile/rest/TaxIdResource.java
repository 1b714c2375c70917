package eu.billing.customers.tax.profile.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

import eu.billing.customers.customer.view.TaxIdView;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.page.DataEnvelope;
import eu.billing.customers.platform.page.ListEnvelope;
import eu.billing.customers.tax.profile.HeldTaxId;
import eu.billing.customers.tax.profile.TaxIdChecks;
import eu.billing.customers.tax.profile.TaxIdProfiles;
import eu.billing.customers.platform.idempotency.IdempotentWrites;

/** A customer's tax identifiers: list, add, read, remove, verify now (docs/tax-ids.md). */
@IdempotentWrites
@Path("/v1/customers/{id}/tax-ids")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tax identifiers")
public class TaxIdResource {

    private final TaxIdProfiles profiles;
    private final TaxIdChecks checks;
    private final JsonInput input;

    public TaxIdResource(TaxIdProfiles profiles, TaxIdChecks checks, JsonInput input) {
        this.profiles = profiles;
        this.checks = checks;
        this.input = input;
    }

    @GET
    @Operation(operationId = "listTaxIds", summary = "The customer's tax identifiers",
            description = "Every identifier with its verification, the primary (the customer's vat_number) first, "
                    + "then the others by creation. One page holds them all.")
    @APIResponse(responseCode = "200", description = "The identifiers",
            content = @Content(schema = @Schema(implementation = TaxIdPage.class)))
    public ListEnvelope<TaxIdView> list(@PathParam("id") String id) {
        List<TaxIdView> all = profiles.list(Ids.parse(id, "id")).stream().map(TaxIdViews::of).toList();
        return new ListEnvelope<>(all, new ListEnvelope.Pagination(Math.max(all.size(), 1), false, null));
    }

    @POST
    @Operation(operationId = "addTaxId", summary = "Add a tax identifier",
            description = "The value is format-checked for its type (4xx VALIDATION_FAILED when it cannot be one) and "
                    + "stored normalised. An eu_vat or gb_vat becomes the primary (vat_number) when the customer has "
                    + "none. Verification starts in the background as the automatic VAT check does: not when the "
                    + "organization switched validation or this provider off, the customer opted out, or "
                    + "auto_validate_vat is false (it stays PENDING); other identifiers are UNVERIFIABLE.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = TaxIdRequest.class)))
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(schema = @Schema(implementation = TaxIdEnvelope.class)),
            headers = @Header(name = "Location", required = true, description = "The new identifier",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "TAX_ID_DUPLICATE: the customer holds one of this type and "
            + "country; INVALID_STATE_TRANSITION: the customer is archived or merged")
    public Response add(@PathParam("id") String id, String body) {
        UUID customerId = Ids.parse(id, "id");
        TaxIdRequest request = input.bind(body, TaxIdRequest.class).value();
        HeldTaxId added = profiles.add(customerId, request.type(), request.value(), request.autoValidateVat());
        return Response.created(URI.create("/v1/customers/" + customerId + "/tax-ids/" + added.id()))
                .entity(new DataEnvelope<>(TaxIdViews.of(added))).build();
    }

    @GET
    @Path("/{tax_id}")
    @Operation(operationId = "getTaxId", summary = "One tax identifier", description = "With its verification.")
    @APIResponse(responseCode = "200", description = "The identifier",
            content = @Content(schema = @Schema(implementation = TaxIdEnvelope.class)))
    public DataEnvelope<TaxIdView> get(@PathParam("id") String id, @PathParam("tax_id") String taxId) {
        return new DataEnvelope<>(TaxIdViews.of(profiles.get(Ids.parse(id, "id"), Ids.parse(taxId, "tax_id"))));
    }

    @DELETE
    @Path("/{tax_id}")
    @Operation(operationId = "removeTaxId", summary = "Remove a tax identifier",
            description = "Answers the removed identifier. Removing the primary clears vat_number (and ends an "
                    + "override of it); the customer's oldest other eu_vat (else gb_vat) becomes the primary.")
    @APIResponse(responseCode = "200", description = "The removed identifier",
            content = @Content(schema = @Schema(implementation = TaxIdEnvelope.class)))
    @APIResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION: the customer is archived or merged")
    public DataEnvelope<TaxIdView> remove(@PathParam("id") String id, @PathParam("tax_id") String taxId) {
        UUID customerId = Ids.parse(id, "id");
        UUID taxIdId = Ids.parse(taxId, "tax_id");
        HeldTaxId removed = profiles.get(customerId, taxIdId);
        profiles.remove(customerId, taxIdId);
        return new DataEnvelope<>(TaxIdViews.of(removed));
    }

    @POST
    @Path("/{tax_id}/verification")
    @Operation(operationId = "verifyTaxId", summary = "Verify a tax identifier with its register now",
            description = "Synchronous, like checkVatNumber: asks VIES (eu_vat), HMRC (gb_vat), the Swiss UID register "
                    + "(ch_vat) or Enhetsregisteret (no_vat) and answers the identifier with its new verification, "
                    + "UNAVAILABLE included (the register gave no verdict; a recheck with backoff is queued). The "
                    + "primary is checked exactly as checkVatNumber does. No transaction is open during the call, and "
                    + "one identifier is verified by one request at a time, whichever replica serves it.")
    @APIResponse(responseCode = "200", description = "The identifier with its new verification",
            content = @Content(schema = @Schema(implementation = TaxIdEnvelope.class)))
    @APIResponse(responseCode = "409", description = "VAT_VALIDATION_DISABLED (organization kill switch), "
            + "TAX_ID_PROVIDER_DISABLED (this register switched off), VAT_VALIDATION_OPTED_OUT (customer's "
            + "vat_validation_disabled), TAX_ID_VERIFICATION_IN_PROGRESS (another request is verifying it: retry)")
    @APIResponse(responseCode = "422", description = "TAX_ID_NOT_VERIFIABLE: other identifiers and the GD/HA gb_vat forms")
    @APIResponse(responseCode = "503", description = "VIES_MAINTENANCE_WINDOW (window_closes_at says until when), "
            + "or SERVICE_UNAVAILABLE; retry after Retry-After seconds")
    public DataEnvelope<TaxIdView> verify(@PathParam("id") String id, @PathParam("tax_id") String taxId) {
        return new DataEnvelope<>(TaxIdViews.of(checks.verifyNow(Ids.parse(id, "id"), Ids.parse(taxId, "tax_id"))));
    }

    /** OpenAPI shape of {@code {"data": TaxId}}. */
    @Schema(name = "TaxIdEnvelope", requiredProperties = "data")
    public record TaxIdEnvelope(TaxIdView data) {
    }

    /** OpenAPI shape of the list. */
    @Schema(name = "TaxIdPage", requiredProperties = { "data", "pagination" })
    public record TaxIdPage(List<TaxIdView> data, ListEnvelope.Pagination pagination) {
    }
}
