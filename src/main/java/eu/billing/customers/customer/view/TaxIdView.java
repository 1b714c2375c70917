package eu.billing.customers.customer.view;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One tax identifier of a customer, as every customer answer and the tax-ids endpoints show it
 * (docs/tax-ids.md). Built by the tax feature ({@link TaxProfileSource}).
 */
@RegisterForReflection
@Schema(name = "TaxId", description = "A tax identifier of the customer. The one marked primary is the customer's "
        + "vat_number (its verification is vat_validation_status, UNVALIDATED shown as PENDING).")
public record TaxIdView(
        UUID id,
        @Schema(enumeration = { "eu_vat", "gb_vat", "ch_vat", "no_vat", "other" }) String type,
        @Schema(nullable = true, description = "ISO 3166-1 alpha-2 (GR for Greek EL numbers, XI for Northern "
                + "Ireland); null for other") String country,
        @Schema(description = "Normalised: upper case, compact, with its prefix and suffix", example = "GB980780684")
        String value,
        @Schema(description = "true for the customer's primary VAT identifier, the one vat_number shows") boolean primary,
        TaxIdVerificationView verification,
        Instant createdAt) {

    /** The verification of one identifier. */
    @RegisterForReflection
    @Schema(name = "TaxIdVerification")
    public record TaxIdVerificationView(
            @Schema(enumeration = { "PENDING", "VALID", "INVALID", "UNAVAILABLE", "MANUAL", "UNVERIFIABLE" })
            String status,
            @Schema(nullable = true, enumeration = { "VIES", "HMRC", "CH_UID", "BRREG" },
                    description = "The register that answered the last check; null before any check") String provider,
            @Schema(implementation = String.class, format = "date-time", nullable = true) Instant checkedAt,
            @Schema(nullable = true) String verifiedName,
            @Schema(nullable = true, description = "Lines separated by \\n") String verifiedAddress,
            @Schema(nullable = true, description = "The register's consultation or request number, when it gives one")
            String reference) {
    }
}
