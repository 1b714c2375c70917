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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.page.DataEnvelope;
import eu.billing.customers.wallet.WalletQueries;

@Path("/v1/customers/{id}/wallet")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Wallets")
public class WalletResource {

    private final WalletQueries wallets;

    public WalletResource(WalletQueries wallets) {
        this.wallets = wallets;
    }

    @GET
    @Operation(operationId = "getPrimaryWallet", summary = "Get the customer's primary wallet",
            description = "The wallet in the customer's preferred currency (else the organization's default currency), "
                    + "with its limits and balances. Amounts are decimal strings.")
    @APIResponse(responseCode = "200", description = "The primary wallet",
            content = @Content(schema = @Schema(implementation = WalletEnvelope.class)))
    public DataEnvelope<WalletView> primary(@PathParam("id") String id) {
        return new DataEnvelope<>(WalletView.of(wallets.primaryOf(Ids.parse(id, "id"))));
    }

    /** OpenAPI shape of {@code {"data": Wallet}}. */
    @Schema(name = "WalletEnvelope", requiredProperties = "data")
    public record WalletEnvelope(WalletView data) {
    }
}
