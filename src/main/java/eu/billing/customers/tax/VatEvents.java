package eu.billing.customers.tax;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import eu.billing.customers.events.EventPayload;

/** The events of VAT validation (docs/vat-validation.md). */
public final class VatEvents {

    private VatEvents() {
    }

    /** {@code customer.vat_validation_changed}: the status a customer shows moved. */
    public record ValidationChanged(String from, String to, String source, String requestIdentifier, String vatNumber)
            implements EventPayload {
        public String type() {
            return "customer.vat_validation_changed";
        }

        public Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("from", from);
            data.put("to", to);
            data.put("source", source);
            data.put("request_identifier", requestIdentifier);
            data.put("vat_number", vatNumber);
            return data;
        }
    }

    /** {@code customer.vat_override_set}, with the override it replaced, if any. */
    public record OverrideSet(UUID verificationId, String vatNumber, Instant expiresAt, UUID replacedVerificationId)
            implements EventPayload {
        public String type() {
            return "customer.vat_override_set";
        }

        public Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("verification_id", verificationId);
            data.put("vat_number", vatNumber);
            data.put("expires_at", expiresAt.toString());
            data.put("replaced_verification_id", replacedVerificationId);
            return data;
        }
    }

    /** {@code customer.vat_override_cleared}: by the operator, or because the VAT number changed. */
    public record OverrideCleared(UUID verificationId, String vatNumber) implements EventPayload {
        public String type() {
            return "customer.vat_override_cleared";
        }

        public Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("verification_id", verificationId);
            data.put("vat_number", vatNumber);
            return data;
        }
    }

    /** {@code customer.vat_override_expired}: demoted to PENDING, with a recheck when eligible. */
    public record OverrideExpired(UUID verificationId, String vatNumber, Instant expiredAt, boolean recheckQueued)
            implements EventPayload {
        public String type() {
            return "customer.vat_override_expired";
        }

        public Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("verification_id", verificationId);
            data.put("vat_number", vatNumber);
            data.put("expired_at", expiredAt.toString());
            data.put("recheck_queued", recheckQueued);
            return data;
        }
    }
}
