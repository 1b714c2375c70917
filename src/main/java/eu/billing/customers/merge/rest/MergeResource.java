package eu.billing.customers.merge.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.billing.customers.platform.idempotency.IdempotentWrites;
import eu.billing.customers.merge.MergeService;
import eu.billing.customers.merge.MergeStrategy;
import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.page.DataEnvelope;

/** POST /v1/customers/merge: fold a duplicate customer into the surviving one. */
@IdempotentWrites
@Path("/v1/customers/merge")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
public class MergeResource {

    private final MergeService merges;
    private final JsonInput input;

    public MergeResource(MergeService merges, JsonInput input) {
        this.merges = merges;
        this.input = input;
    }

    @POST
    @Operation(operationId = "mergeCustomers", summary = "Merge customers",
            description = "Merges the source customer into the target in one transaction: every subscription, "
                    + "invoice, payment method, usage event, customer-scoped price and promotion redemption moves "
                    + "to the target; a source wallet in a currency the target has a wallet in is merged into it "
                    + "(balances added, source wallet closed), any other is moved (not primary). The source ends "
                    + "MERGED with merged_into_customer_id set; GET still answers it, and an upsert with its "
                    + "external_id resolves to the target.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = MergeRequest.class)))
    @APIResponse(responseCode = "200", description = "Merged; the counts actually moved",
            content = @Content(schema = @Schema(implementation = MergeEnvelope.class)))
    @APIResponse(responseCode = "404", description = "CUSTOMER_NOT_FOUND: either customer is missing or of another "
            + "organization")
    @APIResponse(responseCode = "409", description = "INVALID_STATE_TRANSITION: source or target already MERGED or "
            + "ARCHIVED")
    @APIResponse(responseCode = "422", description = "MERGE_SAME_CUSTOMER: the same customer twice; "
            + "MERGE_LIMIT_EXCEEDED: the merged tags or metadata would exceed their limits (field says which)")
    public DataEnvelope<MergeView> merge(String body) {
        MergeRequest request = input.bind(body, MergeRequest.class).value();
        MergeStrategy strategy = request.strategy() == null ? MergeStrategy.KEEP_TARGET : request.strategy();
        return new DataEnvelope<>(MergeView.of(
                merges.merge(request.sourceCustomerId(), request.targetCustomerId(), strategy)));
    }

    /** OpenAPI shape of {@code {"data": MergeResult}}. */
    @Schema(name = "MergeEnvelope", requiredProperties = "data")
    public record MergeEnvelope(MergeView data) {
    }
}
