package eu.billing.customers.platform.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** OpenAPI description of the problem documents {@link Problems} renders (RFC 9457). */
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json)")
public record ProblemDocument(
        @Schema(description = "URI naming the problem type") String type,
        String title,
        int status,
        @Schema(description = "What went wrong, for people") String detail,
        @Schema(description = "Stable machine-readable code", example = "CUSTOMER_NOT_FOUND") ErrorCode code,
        @Schema(description = "Also in the X-Request-Id header") String requestId,
        @Schema(description = "Every bad field, for VALIDATION_FAILED") List<FieldError> errors,
        @Schema(description = "For VERSION_CONFLICT") Integer expectedVersion,
        @Schema(description = "For VERSION_CONFLICT") Integer currentVersion) {
}
