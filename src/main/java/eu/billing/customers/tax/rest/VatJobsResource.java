package eu.billing.customers.tax.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.billing.customers.platform.page.DataEnvelope;
import eu.billing.customers.platform.problem.ProblemDocument;
import eu.billing.customers.platform.problem.Problems;
import eu.billing.customers.tax.OverrideDemotion;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Starts the VAT jobs on demand (a CronJob in scale-to-zero deployments). Admin token. */
@Path("/v1/admin/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
@SecurityRequirement(name = "api_key")
public class VatJobsResource {

    private final OverrideDemotion demotion;

    public VatJobsResource(OverrideDemotion demotion) {
        this.demotion = demotion;
    }

    @POST
    @Path("/vat-override-demotion")
    @Operation(summary = "Demote expired manual VAT overrides now",
            description = "The same job the scheduler runs: every override whose expiry has passed becomes PENDING, "
                    + "once, however many runs race.")
    @APIResponse(responseCode = "200", description = "How many overrides this run demoted",
            content = @Content(schema = @Schema(implementation = DemotionEnvelope.class)))
    @APIResponse(responseCode = "401", description = "Missing or wrong admin token",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    public DataEnvelope<DemotionRun> demote() {
        return new DataEnvelope<>(new DemotionRun(demotion.run().done()));
    }

    @RegisterForReflection
    @Schema(name = "VatOverrideDemotionRun")
    public record DemotionRun(int demoted) {
    }

    @Schema(name = "VatOverrideDemotionEnvelope")
    public record DemotionEnvelope(DemotionRun data) {
    }
}
