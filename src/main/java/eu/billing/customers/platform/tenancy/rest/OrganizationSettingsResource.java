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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.billing.customers.platform.idempotency.IdempotentWrites;
import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.page.DataEnvelope;
import eu.billing.customers.platform.tenancy.Organization;
import eu.billing.customers.platform.tenancy.OrganizationSettings;

/** The caller's organization settings. */
@IdempotentWrites
@Path("/v1/organization/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organization")
public class OrganizationSettingsResource {

    private final OrganizationSettings settings;
    private final JsonInput input;

    public OrganizationSettingsResource(OrganizationSettings settings, JsonInput input) {
        this.settings = settings;
        this.input = input;
    }

    @GET
    @Operation(operationId = "getOrganizationSettings", summary = "The organization's settings",
            description = "VAT validation kill switch, VIES maintenance windows, the longest manual override, the "
                    + "requester VAT number and the default currency of the caller's organization.")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(schema = @Schema(implementation = SettingsEnvelope.class)))
    public DataEnvelope<OrganizationSettingsView> get() {
        return view(settings.get());
    }

    @PATCH
    @Operation(operationId = "updateOrganizationSettings", summary = "Change the organization's settings",
            description = "Partial update: an absent field is unchanged, null clears a nullable one.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = OrganizationSettingsPatch.class)))
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(schema = @Schema(implementation = SettingsEnvelope.class)))
    public DataEnvelope<OrganizationSettingsView> update(String body) {
        return view(settings.update(OrganizationSettingsPatch.read(input, input.parse(body))));
    }

    private DataEnvelope<OrganizationSettingsView> view(Organization o) {
        return new DataEnvelope<>(OrganizationSettingsView.of(o, settings.manualOverrideMaxTtl(o)));
    }

    @Schema(name = "OrganizationSettingsEnvelope", requiredProperties = "data")
    public record SettingsEnvelope(OrganizationSettingsView data) {
    }
}
