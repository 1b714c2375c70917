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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.node.ObjectNode;

import eu.billing.customers.merge.MergeService;
import eu.billing.customers.merge.MergeStrategy;
import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.page.DataEnvelope;
import eu.billing.customers.platform.problem.ProblemDocument;
import eu.billing.customers.platform.problem.Problems;

/** POST /v1/customers/merge: fold a duplicate customer into the surviving one. */
@Path("/v1/customers/merge")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
@SecurityRequirement(name = "api_key")
public class MergeResource {

    private final MergeService merges;
    private final JsonInput input;

    public MergeResource(MergeService merges, JsonInput input) {
        this.merges = merges;
        this.input = input;
    }

    @POST
    @Operation(summary = "Merge customers",
            description = "Merges the source customer into the target in one transaction: every subscription, "
                    + "invoice, payment method, usage event, customer-scoped price and promotion redemption moves "
                    + "to the target; a source wallet in a currency the target has a wallet in is merged into it "
                    + "(balances added, source wallet closed), any other is moved (not primary). The source ends "
                    + "MERGED with merged_into_customer_id set; GET still answers it, and an upsert with its "
                    + "external_id resolves to the target.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = MergeRequest.class)))
    @APIResponse(responseCode = "200", description = "Merged; the counts actually moved",
            content = @Content(schema = @Schema(implementation = MergeEnvelope.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, bad id or unknown strategy (VALIDATION_FAILED)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "404", description = "Either customer missing or of another organization (CUSTOMER_NOT_FOUND)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "409", description = "Source or target already MERGED or ARCHIVED (INVALID_STATE_TRANSITION)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    @APIResponse(responseCode = "422", description = "Same customer twice (MERGE_SAME_CUSTOMER), or the merged tags or "
            + "metadata would exceed their limits (MERGE_LIMIT_EXCEEDED)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    public DataEnvelope<MergeView> merge(ObjectNode body) {
        MergeRequest request = input.bind(body, MergeRequest.class).value();
        MergeStrategy strategy = request.strategy() == null ? MergeStrategy.KEEP_TARGET : request.strategy();
        return new DataEnvelope<>(MergeView.of(
                merges.merge(request.sourceCustomerId(), request.targetCustomerId(), strategy)));
    }

    /** OpenAPI shape of {@code {"data": MergeResult}}. */
    @Schema(name = "MergeEnvelope")
    public record MergeEnvelope(MergeView data) {
    }
}
