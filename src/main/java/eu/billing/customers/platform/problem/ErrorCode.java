package eu.billing.customers.platform.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one table from error to HTTP: every problem the API answers has a stable code, a status and
 * a title here. Clients program against {@link #name()}; titles are for people. The OpenAPI
 * document lists the names as the known codes (OpenApiConventions).
 */
@RegisterForReflection
public enum ErrorCode {
    // 400: the request itself cannot be read or a field is invalid
    MALFORMED_JSON(400, "Malformed JSON"),
    BODY_REQUIRED(400, "Request body required"),
    VALIDATION_FAILED(400, "Validation failed"),
    INVALID_ID(400, "Invalid identifier"),
    INVALID_CURSOR(400, "Invalid cursor"),
    INVALID_HEADER(400, "Invalid header"),
    BAD_REQUEST(400, "Bad request"),
    // 401 / 404 / 405 / 406 / 413 / 415
    UNAUTHENTICATED(401, "Unauthenticated"),
    NOT_FOUND(404, "Not found"),
    CUSTOMER_NOT_FOUND(404, "Customer not found"),
    ORGANIZATION_NOT_FOUND(404, "Organization not found"),
    WALLET_NOT_FOUND(404, "Wallet not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    // 409 / 412 / 422: well-formed, but the current state does not allow it
    EXTERNAL_ID_CONFLICT(409, "External id already in use"),
    /** A unique constraint without a code of its own: the record conflicts with an existing one. */
    CONFLICT(409, "Conflict"),
    INVALID_STATE_TRANSITION(409, "Invalid state transition"),
    VERSION_CONFLICT(412, "Version conflict"),
    MODE_CHANGE_NOT_ALLOWED(422, "Mode change not allowed here"),
    REASON_REQUIRED(422, "Reason required"),
    PREFERRED_PROVIDER_DISABLED(422, "Preferred provider is disabled"),
    MERGE_SAME_CUSTOMER(422, "Cannot merge a customer into itself"),
    MERGE_LIMIT_EXCEEDED(422, "Merged customer would exceed a limit"),
    // VAT validation (issue 3)
    VAT_VALIDATION_DISABLED(409, "VAT validation is disabled for this organization"),
    VAT_VALIDATION_OPTED_OUT(409, "VAT validation is disabled for this customer"),
    VAT_NUMBER_MISSING(422, "The customer has no VAT number"),
    VIES_MAINTENANCE_WINDOW(503, "VIES maintenance window"),
    // tax identifiers (issue 11)
    TAX_ID_NOT_FOUND(404, "Tax identifier not found"),
    TAX_ID_DUPLICATE(409, "The customer already has a tax identifier of this type and country"),
    TAX_ID_PROVIDER_DISABLED(409, "Verification with this register is disabled for this organization"),
    TAX_ID_VERIFICATION_IN_PROGRESS(409, "A verification of this tax identifier is in progress"),
    TAX_ID_NOT_VERIFIABLE(422, "No register verifies this tax identifier"),
    // custom fields (issue 13)
    CUSTOM_FIELD_NOT_FOUND(404, "Custom field not found"),
    CUSTOM_FIELD_KEY_TAKEN(409, "Custom field key already in use"),
    CUSTOM_FIELD_KEY_ARCHIVED(409, "Archived custom field key reused with another type"),
    CUSTOM_FIELD_ARCHIVED(409, "Custom field is archived"),
    CUSTOM_FIELD_TYPE_IN_USE(409, "Custom field type cannot change while customers have values"),
    CUSTOM_FIELD_OPTION_IN_USE(409, "Custom field option in use"),
    CUSTOM_FIELD_VALUE_TOO_LONG(409, "Stored custom field values are longer than max_length"),
    CUSTOM_FIELD_REQUIRED_MISSING(409, "Live customers lack the required custom field"),
    CUSTOM_FIELD_LIMIT_REACHED(422, "Custom field limit reached"),
    // 429
    RATE_LIMITED(429, "Rate limited"),
    // 5xx
    SERVICE_UNAVAILABLE(503, "Service unavailable"),
    INTERNAL_ERROR(500, "Internal error");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem {@code type} URI: stable, and names the code. */
    public String type() {
        return "urn:customers-service:problem:" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
