package eu.billing.customers.customfield.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.customfield.CustomFieldDefinition;
import eu.billing.customers.customfield.CustomFieldType;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A custom field definition as the API shows it. */
@RegisterForReflection
@Schema(name = "CustomField", description = "A custom field definition. Every field is always present.")
public record CustomFieldView(
        @Schema(pattern = "^[a-z][a-z0-9_]{0,39}$") String key,
        String label,
        @Schema(nullable = true) String description,
        CustomFieldType type,
        boolean required,
        @Schema(nullable = true, description = "ENUM: the allowed values; null for the other types") List<String> options,
        @Schema(nullable = true, description = "STRING: the longest value (null: 500); null for the other types")
        Integer maxLength,
        Instant createdAt,
        Instant updatedAt,
        @Schema(implementation = String.class, format = "date-time", nullable = true,
                description = "Set when archived: its values are kept and shown, new ones are refused") Instant archivedAt) {

    static CustomFieldView of(CustomFieldDefinition d) {
        return new CustomFieldView(d.key, d.label, d.description, d.type, d.required,
                d.options == null ? null : List.of(d.options), d.maxLength, d.createdAt, d.updatedAt, d.archivedAt);
    }
}
