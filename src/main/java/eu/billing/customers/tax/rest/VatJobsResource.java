package eu.billing.customers.tax.rest;

import java.util.List;
import java.util.UUID;

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
import eu.billing.customers.platform.queue.OrganizationDrain;
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
    @APIResponse(responseCode = "200", description = "How many overrides this run demoted, and the organizations "
            + "whose demotion failed (logged; the others were still demoted; the next run retries them)",
            content = @Content(schema = @Schema(implementation = DemotionEnvelope.class)))
    @APIResponse(responseCode = "401", description = "Missing or wrong admin token",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    public DataEnvelope<DemotionRun> demote() {
        return new DataEnvelope<>(DemotionRun.of(demotion.run()));
    }

    @RegisterForReflection
    @Schema(name = "VatOverrideDemotionRun")
    public record DemotionRun(
            @Schema(description = "Overrides demoted by this run") int demoted,
            @Schema(description = "Organizations that had expired overrides") int organizations,
            @Schema(description = "Organizations whose demotion failed this run") int failedOrganizations,
            @Schema(description = "Their ids") List<UUID> failedOrganizationIds) {

        static DemotionRun of(OrganizationDrain.Report run) {
            return new DemotionRun(run.done(), run.organizations(), run.failedOrganizations().size(),
                    run.failedOrganizations());
        }
    }

    @Schema(name = "VatOverrideDemotionEnvelope")
    public record DemotionEnvelope(DemotionRun data) {
    }
}
