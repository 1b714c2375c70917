package eu.billing.customers.customer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import eu.billing.customers.events.EventPayload;
import eu.billing.customers.platform.audit.Snapshot;

/** The events of a customer's own writes (docs: README, "Versions and events"). */
public final class CustomerEvents {

    private CustomerEvents() {
    }

    /** {@code customer.created}: every field set, from null. */
    public record Created(Map<String, Object> changes) implements EventPayload {
        public String type() {
            return "customer.created";
        }

        public Map<String, Object> data() {
            return Map.of("changes", changes);
        }
    }

    /** {@code customer.updated}; {@code wallet}: what the primary wallet did when preferred_currency changed. */
    public record Updated(Map<String, Object> changes, Map<String, Object> wallet) implements EventPayload {
        public String type() {
            return "customer.updated";
        }

        public Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("changes", changes);
            if (wallet != null && !wallet.isEmpty()) {
                data.put("wallet", wallet);
            }
            return data;
        }
    }

    /** {@code customer.archived}. */
    public record Archived(CustomerStatus from) implements EventPayload {
        public String type() {
            return "customer.archived";
        }

        public Map<String, Object> data() {
            return Map.of("changes", Map.of("status", Snapshot.change(from.name(), CustomerStatus.ARCHIVED.name())));
        }
    }

    /** {@code customer.restored}. */
    public record Restored() implements EventPayload {
        public String type() {
            return "customer.restored";
        }

        public Map<String, Object> data() {
            return Map.of("changes", Map.of("status",
                    Snapshot.change(CustomerStatus.ARCHIVED.name(), CustomerStatus.ACTIVE.name())));
        }
    }

    /** {@code customer.mode_changed}: the customer and every one of its wallets. */
    public record ModeChanged(BillingMode from, BillingMode to, List<String> walletIds) implements EventPayload {
        public String type() {
            return "customer.mode_changed";
        }

        public Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("from", from.name());
            data.put("to", to.name());
            data.put("wallet_ids", walletIds);
            return data;
        }
    }

    /**
     * {@code customer.type_changed}. {@code corrective_invoice_candidate} is true exactly for
     * UNKNOWN to BUSINESS with an EU billing country: earlier invoices may deserve a review.
     */
    public record TypeChanged(CustomerType from, CustomerType to, String billingCountry) implements EventPayload {
        public String type() {
            return "customer.type_changed";
        }

        public boolean correctiveInvoiceCandidate() {
            return from == CustomerType.UNKNOWN && to == CustomerType.BUSINESS
                    && EuMemberStates.contains(billingCountry);
        }

        public Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("from", from.name());
            data.put("to", to.name());
            data.put("billing_country", billingCountry);
            data.put("corrective_invoice_candidate", correctiveInvoiceCandidate());
            return data;
        }
    }

    /** {@code customer.payment_providers_changed}. */
    public record PaymentProvidersChanged(Map<String, Object> changes) implements EventPayload {
        public String type() {
            return "customer.payment_providers_changed";
        }

        public Map<String, Object> data() {
            return Map.of("changes", changes);
        }
    }
}
