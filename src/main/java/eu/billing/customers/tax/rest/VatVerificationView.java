package eu.billing.customers.tax.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import eu.billing.customers.platform.audit.ActorView;
import eu.billing.customers.tax.VatVerification;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One row of a customer's VAT verification history. */
@RegisterForReflection
@Schema(name = "VatVerification")
public record VatVerificationView(
        UUID id,
        UUID customerId,
        @Schema(enumeration = { "VIES", "FORMAT", "MANUAL", "HMRC", "CH_UID", "BRREG" },
                description = "The register asked (VIES, HMRC, CH_UID, BRREG), FORMAT (refused by its format), MANUAL")
        String source,
        @Schema(enumeration = { "VALID", "INVALID", "UNAVAILABLE", "MANUAL" }) String result,
        @Schema(description = "What started it", enumeration = { "SYNC", "AUTO", "RECHECK", "OPERATOR" })
        String trigger,
        @Schema(description = "The number checked, as stored") String vatNumber,
        @Schema(nullable = true) String countryCode,
        @Schema(nullable = true, description = "VIES consultation number (only when a requester VAT number is configured)")
        String requestIdentifier,
        @Schema(nullable = true, description = "Name VIES returned; null when VIES does not publish it") String name,
        @Schema(nullable = true, description = "Address VIES returned; null when VIES does not publish it") String address,
        @Schema(nullable = true) String requestDate,
        @Schema(nullable = true, description = "VIES error code (or HTTP_5xx, REDIRECT, MALFORMED_RESPONSE, READ_TIMEOUT, "
                + "CONNECTION_FAILED, CIRCUIT_OPEN) when VIES gave no verdict") String errorCode,
        @Schema(description = "Who: the API key (with X-Actor as label), the admin token, or the system") ActorView actor,
        @Schema(nullable = true) String reason,
        @Schema(enumeration = { "COMPLETED", "ACTIVE", "PENDING" },
                description = "COMPLETED for checks; ACTIVE for an override in force; PENDING for an ended override")
        String state,
        Instant createdAt,
        @Schema(implementation = String.class, format = "date-time", nullable = true, description = "Overrides only")
        Instant expiresAt,
        @Schema(implementation = String.class, format = "date-time", nullable = true) Instant endedAt,
        @Schema(nullable = true, enumeration = { "CLEARED", "EXPIRED", "REPLACED", "VAT_NUMBER_CHANGED" })
        String endedReason,
        @Schema(implementation = String.class, format = "uuid", nullable = true,
                description = "The identifier of tax_ids checked; null for the primary (vat_number)") UUID taxId) {

    public static VatVerificationView of(VatVerification v) {
        return new VatVerificationView(v.id, v.customerId, v.source, v.result, v.trigger, v.vatNumber, v.countryCode,
                v.requestIdentifier, v.viesName, v.viesAddress, v.viesRequestDate, v.errorCode,
                ActorView.of(v.actor), v.reason, v.state, v.createdAt, v.expiresAt,
                v.endedAt, v.endedReason, v.taxId);
    }
}
