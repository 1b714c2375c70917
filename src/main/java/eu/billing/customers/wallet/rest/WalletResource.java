package eu.billing.customers.wallet.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.page.DataEnvelope;
import eu.billing.customers.platform.problem.ProblemDocument;
import eu.billing.customers.platform.problem.Problems;
import eu.billing.customers.wallet.WalletQueries;

@Path("/v1/customers/{id}/wallet")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Wallets")
@SecurityRequirement(name = "api_key")
public class WalletResource {

    private final WalletQueries wallets;

    public WalletResource(WalletQueries wallets) {
        this.wallets = wallets;
    }

    @GET
    @Operation(summary = "Get the customer's primary wallet")
    @APIResponse(responseCode = "200", description = "The primary wallet",
            content = @Content(schema = @Schema(implementation = WalletEnvelope.class)))
    @APIResponse(responseCode = "404", description = "CUSTOMER_NOT_FOUND",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    public DataEnvelope<WalletView> primary(@PathParam("id") String id) {
        return new DataEnvelope<>(WalletView.of(wallets.primaryOf(Ids.parse(id, "id"))));
    }

    /** OpenAPI shape of {@code {"data": Wallet}}. */
    @Schema(name = "WalletEnvelope")
    public record WalletEnvelope(WalletView data) {
    }
}
