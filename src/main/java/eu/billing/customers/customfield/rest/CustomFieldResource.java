package eu.billing.customers.customfield.rest;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import eu.billing.customers.customfield.CustomFieldDefinitions;
import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.page.DataEnvelope;
import eu.billing.customers.platform.page.ListEnvelope;
import eu.billing.customers.platform.page.PageRequest;
import eu.billing.customers.platform.problem.ValidationFailed;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The organization's custom field definitions: define, list, read, change, archive. */
@Path("/v1/custom-fields")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Custom fields")
public class CustomFieldResource {

    private static final Set<String> UPDATE_READ_ONLY = Set.of("key", "created_at", "updated_at", "archived_at");

    private final CustomFieldDefinitions definitions;
    private final JsonInput input;

    public CustomFieldResource(CustomFieldDefinitions definitions, JsonInput input) {
        this.definitions = definitions;
        this.input = input;
    }

    @POST
    @Operation(operationId = "createCustomField", summary = "Define a custom field",
            description = "key, label and type are required; options (1 to 100 distinct strings) for ENUM only, "
                    + "max_length (1 to 500) for STRING only. At most 100 live definitions per organization. An "
                    + "archived key is defined again only with its former type (its stored values stay valid and "
                    + "are checked like on PATCH). Records custom_field.created.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CustomFieldRequest.class)))
    @APIResponse(responseCode = "201", description = "Defined (or an archived key defined again)",
            content = @Content(schema = @Schema(implementation = CustomFieldEnvelope.class)),
            headers = @Header(name = "Location", required = true, description = "/v1/custom-fields/{key}",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "CUSTOM_FIELD_KEY_TAKEN: a live field has this key; "
            + "CUSTOM_FIELD_KEY_ARCHIVED: an archived field had this key with another type; "
            + "CUSTOM_FIELD_REQUIRED_MISSING, CUSTOM_FIELD_OPTION_IN_USE, CUSTOM_FIELD_VALUE_TOO_LONG: see PATCH "
            + "(affected_customers says how many)")
    @APIResponse(responseCode = "422", description = "CUSTOM_FIELD_LIMIT_REACHED: 100 live definitions already")
    public Response create(String body) {
        CustomFieldDefinitions.Saved saved = definitions.create(
                CustomFieldRequest.read(input, body, CustomFieldRequest.READ_ONLY));
        return Response.created(URI.create("/v1/custom-fields/" + saved.definition().key))
                .entity(new DataEnvelope<>(CustomFieldView.of(saved.definition()))).build();
    }

    @GET
    @Operation(operationId = "listCustomFields", summary = "List custom field definitions, newest first",
            description = "Keyset pagination like every list: pass next_cursor back as cursor. Archived definitions "
                    + "only with include_archived=true.")
    @APIResponse(responseCode = "200", description = "A page of definitions",
            content = @Content(schema = @Schema(implementation = CustomFieldPage.class)))
    public ListEnvelope<CustomFieldView> list(
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @Parameter(description = "Also list archived definitions (default false)",
                    schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("include_archived") String includeArchived) {
        boolean archived = flag(includeArchived);
        return definitions.list(archived, PageRequest.of(limit, cursor, CustomFieldDefinitions.canonical(archived)))
                .map(CustomFieldView::of);
    }

    @GET
    @Path("/{key}")
    @Operation(operationId = "getCustomField", summary = "Get a custom field definition",
            description = "Answers archived definitions too (archived_at set).")
    @APIResponse(responseCode = "200", description = "The definition",
            content = @Content(schema = @Schema(implementation = CustomFieldEnvelope.class)))
    public DataEnvelope<CustomFieldView> get(@Parameter(description = "The field's key") @PathParam("key") String key) {
        return new DataEnvelope<>(CustomFieldView.of(definitions.get(key)));
    }

    @PATCH
    @Path("/{key}")
    @Operation(operationId = "updateCustomField", summary = "Change a custom field definition",
            description = "Send only what changes; key cannot change. A change may not make stored values invalid: "
                    + "changing type while customers have values, removing an ENUM option in use, lowering max_length "
                    + "below a stored value, or making the field required while a live customer lacks it answers 409 "
                    + "with a code saying which and affected_customers. Records custom_field.updated.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CustomFieldRequest.class)))
    @APIResponse(responseCode = "200", description = "The definition",
            content = @Content(schema = @Schema(implementation = CustomFieldEnvelope.class)))
    @APIResponse(responseCode = "409", description = "CUSTOM_FIELD_TYPE_IN_USE, CUSTOM_FIELD_OPTION_IN_USE, "
            + "CUSTOM_FIELD_VALUE_TOO_LONG, CUSTOM_FIELD_REQUIRED_MISSING (affected_customers: how many customers); "
            + "CUSTOM_FIELD_ARCHIVED: define it again with POST")
    public DataEnvelope<CustomFieldView> update(@Parameter(description = "The field's key") @PathParam("key") String key,
            String body) {
        return new DataEnvelope<>(CustomFieldView.of(
                definitions.update(key, CustomFieldRequest.read(input, body, UPDATE_READ_ONLY))));
    }

    @DELETE
    @Path("/{key}")
    @Operation(operationId = "archiveCustomField", summary = "Archive a custom field definition",
            description = "Stored values are kept and still answered; new values for it are refused like an unknown "
                    + "key, and it is no longer required. Idempotent. Records custom_field.archived.")
    @APIResponse(responseCode = "200", description = "The archived definition",
            content = @Content(schema = @Schema(implementation = CustomFieldEnvelope.class)))
    public DataEnvelope<CustomFieldView> archive(@Parameter(description = "The field's key") @PathParam("key") String key) {
        return new DataEnvelope<>(CustomFieldView.of(definitions.archive(key)));
    }

    private static boolean flag(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ValidationFailed.of("include_archived", "must be true or false");
        };
    }

    /** OpenAPI shape of {@code {"data": CustomField}}. */
    @RegisterForReflection
    @Schema(name = "CustomFieldEnvelope", requiredProperties = "data")
    public record CustomFieldEnvelope(CustomFieldView data) {
    }

    /** OpenAPI shape of a page of definitions. */
    @RegisterForReflection
    @Schema(name = "CustomFieldPage", requiredProperties = { "data", "pagination" })
    public record CustomFieldPage(List<CustomFieldView> data, ListEnvelope.Pagination pagination) {
    }
}
