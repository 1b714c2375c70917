package eu.billing.customers.platform.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * OpenAPI description of the problem documents {@link Problems} renders (RFC 9457). Open on
 * purpose: {@code code} is a string whose known values OpenApiConventions lists (a code added later
 * must not break a client), and members beyond these may be added.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json). Clients must accept "
        + "codes and members they do not know.",
        requiredProperties = { "type", "title", "status", "code" }, additionalProperties = Schema.True.class)
public record ProblemDocument(
        @Schema(description = "URI naming the problem type", example = "urn:customers-service:problem:customer-not-found")
        String type,
        @Schema(description = "Short summary of the problem type, for people") String title,
        @Schema(description = "The HTTP status") int status,
        @Schema(description = "What went wrong in this case, for people", nullable = true) String detail,
        @Schema(description = "Stable machine-readable code. Known codes are listed in x-extensible-enum; "
                + "treat any other as a generic error of its HTTP status.", example = "CUSTOMER_NOT_FOUND")
        String code,
        @Schema(description = "The request's id, also in the X-Request-Id header", nullable = true) String requestId,
        @Schema(description = "VALIDATION_FAILED, INVALID_ID: every bad field") List<FieldError> errors,
        @Schema(description = "VERSION_CONFLICT: the version If-Match named") Integer expectedVersion,
        @Schema(description = "VERSION_CONFLICT: the record's current version") Integer currentVersion,
        @Schema(description = "INVALID_STATE_TRANSITION: the customer's status, which forbids the operation",
                example = "ARCHIVED") String currentStatus,
        @Schema(description = "MERGE_LIMIT_EXCEEDED: the field whose limit the merge would exceed", example = "tags")
        String field,
        @Schema(description = "RATE_LIMITED: seconds until the next request is allowed (also Retry-After)")
        Long retryAfterSeconds,
        @Schema(description = "VIES_MAINTENANCE_WINDOW: when the window closes", format = "date-time")
        String windowClosesAt,
        @Schema(description = "CUSTOM_FIELD_TYPE_IN_USE, CUSTOM_FIELD_OPTION_IN_USE, CUSTOM_FIELD_VALUE_TOO_LONG, "
                + "CUSTOM_FIELD_REQUIRED_MISSING: how many customers the change would make invalid")
        Long affectedCustomers) {
}
