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
        @Schema(enumeration = { "VIES", "FORMAT", "MANUAL" }) String source,
        @Schema(enumeration = { "VALID", "INVALID", "UNAVAILABLE", "MANUAL" }) String result,
        @Schema(description = "What started it", enumeration = { "SYNC", "AUTO", "RECHECK", "OPERATOR" })
        String trigger,
        @Schema(description = "The number checked, as stored") String vatNumber,
        String countryCode,
        @Schema(description = "VIES consultation number (only when a requester VAT number is configured)")
        String requestIdentifier,
        @Schema(description = "Name VIES returned; null when VIES does not publish it") String name,
        @Schema(description = "Address VIES returned; null when VIES does not publish it") String address,
        String requestDate,
        @Schema(description = "VIES error code (or HTTP_5xx, REDIRECT, MALFORMED_RESPONSE, READ_TIMEOUT, "
                + "CONNECTION_FAILED, CIRCUIT_OPEN) when VIES gave no verdict") String errorCode,
        @Schema(description = "Who: the API key (with X-Actor as label), the admin token, or the system") ActorView actor,
        String reason,
        @Schema(enumeration = { "COMPLETED", "ACTIVE", "PENDING" },
                description = "COMPLETED for checks; ACTIVE for an override in force; PENDING for an ended override")
        String state,
        Instant createdAt,
        @Schema(description = "Overrides only") Instant expiresAt,
        Instant endedAt,
        @Schema(enumeration = { "CLEARED", "EXPIRED", "REPLACED", "VAT_NUMBER_CHANGED" }) String endedReason) {

    public static VatVerificationView of(VatVerification v) {
        return new VatVerificationView(v.id, v.customerId, v.source, v.result, v.trigger, v.vatNumber, v.countryCode,
                v.requestIdentifier, v.viesName, v.viesAddress, v.viesRequestDate, v.errorCode,
                ActorView.of(v.actor), v.reason, v.state, v.createdAt, v.expiresAt,
                v.endedAt, v.endedReason);
    }
}
