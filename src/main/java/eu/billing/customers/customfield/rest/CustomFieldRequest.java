package eu.billing.customers.customfield.rest;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.customfield.CustomFieldDefinitions;
import eu.billing.customers.customfield.CustomFieldType;
import eu.billing.customers.customfield.CustomFieldValues;
import eu.billing.customers.customfield.DefinitionInput;
import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.validation.Patterns;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The writable fields of a custom field definition (POST and PATCH /v1/custom-fields). Absent
 * fields are left as they are; {@link #read} maps the JSON to the service's {@link DefinitionInput}.
 */
@RegisterForReflection
@Schema(name = "CustomFieldFields", additionalProperties = Schema.False.class,
        description = "Writable custom field definition fields. POST needs key, label and type (and options for "
                + "ENUM); PATCH sends only what changes and cannot change key.")
public record CustomFieldRequest(
        @Schema(description = "Unique per organization, immutable; the field's name in custom_fields",
                pattern = CustomFieldDefinitions.KEY_PATTERN, example = "cost_centre")
        @Pattern(regexp = CustomFieldDefinitions.KEY_PATTERN,
                message = "must be 1 to 40 of a-z, 0-9 and _, starting with a letter") String key,
        @Schema(description = "For people: how the field is shown", example = "Cost centre")
        @Size(min = 1, max = 200) @Pattern(regexp = Patterns.NOT_BLANK, message = "must not be blank") String label,
        @Schema(nullable = true) @Size(max = 1000) String description,
        @Schema(description = "What its values look like: STRING, ENUM and DATE (YYYY-MM-DD) as strings, NUMBER as "
                + "a decimal string, BOOLEAN as a boolean") CustomFieldType type,
        @Schema(description = "Every live customer must have a value (default false)") Boolean required,
        @Schema(nullable = true, description = "ENUM only, and required there: 1 to 100 distinct strings of 1 to "
                + "100 characters", example = "[\"sales\", \"support\"]")
        @Size(min = 1, max = CustomFieldDefinitions.MAX_OPTIONS)
        List<@Size(min = 1, max = CustomFieldDefinitions.MAX_OPTION_LENGTH) String> options,
        @Schema(nullable = true, description = "STRING only: the longest value, 1 to 500 (null: 500)")
        @Min(1) @Max(CustomFieldValues.STRING_MAX) Integer maxLength) {

    static final java.util.Set<String> READ_ONLY = java.util.Set.of("created_at", "updated_at", "archived_at");

    static DefinitionInput read(JsonInput json, String body, java.util.Set<String> readOnly) {
        JsonInput.Bound<CustomFieldRequest> bound = json.bind(body, CustomFieldRequest.class, readOnly);
        CustomFieldRequest r = bound.value();
        return new DefinitionInput(bound.present(), r.key(), r.label(), r.description(), r.type(), r.required(),
                r.options(), r.maxLength());
    }
}
