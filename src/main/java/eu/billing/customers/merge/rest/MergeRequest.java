package eu.billing.customers.merge.rest;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.merge.MergeStrategy;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of POST /v1/customers/merge. */
@RegisterForReflection
@Schema(name = "MergeCustomersRequest", additionalProperties = Schema.False.class)
public record MergeRequest(
        @Schema(required = true, description = "The duplicate: ends MERGED, pointing at the target")
        @NotNull UUID sourceCustomerId,
        @Schema(required = true, description = "The surviving customer: receives everything the source owns")
        @NotNull UUID targetCustomerId,
        @Schema(nullable = true, description = "KEEP_TARGET (when absent or null) keeps the target's fields; "
                + "FILL_FROM_SOURCE fills the target's empty fields from the source. Both union tags and merge "
                + "metadata (target wins).")
        MergeStrategy strategy) {
}
