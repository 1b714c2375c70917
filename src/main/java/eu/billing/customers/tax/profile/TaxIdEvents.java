package eu.billing.customers.tax.profile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import eu.billing.customers.events.EventPayload;

/** The events of tax identifiers (docs/tax-ids.md). */
public final class TaxIdEvents {

    private TaxIdEvents() {
    }

    /** {@code customer.tax_id_added}. */
    public record Added(UUID taxId, String taxIdType, String country, String value, boolean primary)
            implements EventPayload {
        public String type() {
            return "customer.tax_id_added";
        }

        public Map<String, Object> data() {
            return describe(taxId, taxIdType, country, value, primary);
        }
    }

    /** {@code customer.tax_id_removed}. */
    public record Removed(UUID taxId, String taxIdType, String country, String value, boolean primary)
            implements EventPayload {
        public String type() {
            return "customer.tax_id_removed";
        }

        public Map<String, Object> data() {
            return describe(taxId, taxIdType, country, value, primary);
        }
    }

    /**
     * {@code customer.tax_id_verification_changed}: the status of an identifier of tax_ids moved (the
     * primary's moves are {@code customer.vat_validation_changed}, as before).
     */
    public record VerificationChanged(UUID taxId, String taxIdType, String value, String from, String to,
            String provider, String reference) implements EventPayload {
        public String type() {
            return "customer.tax_id_verification_changed";
        }

        public Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("tax_id", taxId);
            data.put("type", taxIdType);
            data.put("value", value);
            data.put("from", from);
            data.put("to", to);
            data.put("provider", provider);
            data.put("reference", reference);
            return data;
        }
    }

    private static Map<String, Object> describe(UUID taxId, String type, String country, String value,
            boolean primary) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tax_id", taxId);
        data.put("type", type);
        data.put("country", country);
        data.put("value", value);
        data.put("primary", primary);
        return data;
    }
}
