package eu.billing.customers.platform.tenancy.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.page.DataEnvelope;
import eu.billing.customers.platform.problem.ProblemDocument;
import eu.billing.customers.platform.problem.Problems;
import eu.billing.customers.platform.tenancy.Organization;
import eu.billing.customers.platform.tenancy.OrganizationSettings;

/** The caller's organization settings. */
@Path("/v1/organization/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organization")
@SecurityRequirement(name = "api_key")
@APIResponse(responseCode = "401", description = "Missing or unknown API key",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
public class OrganizationSettingsResource {

    private final OrganizationSettings settings;
    private final JsonInput input;

    public OrganizationSettingsResource(OrganizationSettings settings, JsonInput input) {
        this.settings = settings;
        this.input = input;
    }

    @GET
    @Operation(summary = "The organization's settings")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(schema = @Schema(implementation = SettingsEnvelope.class)))
    public DataEnvelope<OrganizationSettingsView> get() {
        return view(settings.get());
    }

    @PATCH
    @Operation(summary = "Change the organization's settings", description = "Absent fields are unchanged.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = OrganizationSettingsPatch.class)))
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(schema = @Schema(implementation = SettingsEnvelope.class)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ProblemDocument.class)))
    public DataEnvelope<OrganizationSettingsView> update(ObjectNode body) {
        return view(settings.update(OrganizationSettingsPatch.read(input, body)));
    }

    private DataEnvelope<OrganizationSettingsView> view(Organization o) {
        return new DataEnvelope<>(OrganizationSettingsView.of(o, settings.manualOverrideMaxTtl(o)));
    }

    @Schema(name = "OrganizationSettingsEnvelope")
    public record SettingsEnvelope(OrganizationSettingsView data) {
    }
}
