package eu.billing.customers.events;

import java.util.Set;
import java.util.TreeSet;

/**
 * Every event type the service writes: the one list that webhook endpoints subscribe from
 * ({@code enabled_events}). A feature that adds an event type adds its line here, in the same change
 * (EventTypesTest fails when an EventPayload of the sources answers a type that is not listed). The
 * types of the features landing in the same batch as webhooks (issues 11, 13, 15) are declared here
 * in advance, so that none of them is refused as unknown.
 */
public final class EventTypes {

    public static final Set<String> ALL = Set.copyOf(new TreeSet<>(Set.of(
            // customer/CustomerEvents
            "customer.created",
            "customer.updated",
            "customer.archived",
            "customer.restored",
            "customer.mode_changed",
            "customer.type_changed",
            "customer.payment_providers_changed",
            // tax/VatEvents
            "customer.vat_validation_changed",
            "customer.vat_override_set",
            "customer.vat_override_cleared",
            "customer.vat_override_expired",
            // merge/MergeEvent
            "customer.merged",
            // tax identifiers and tax treatment (issue 11)
            "customer.tax_id_added",
            "customer.tax_id_removed",
            "customer.tax_id_verification_changed",
            "customer.tax_treatment_changed",
            // custom fields (issue 13)
            "custom_field.created",
            "custom_field.updated",
            "custom_field.archived",
            // API keys (issue 15: events/ApiKeyAudit)
            "api_key.created",
            "api_key.rolled",
            "api_key.revoked",
            // webhook/WebhookEvents
            "webhook_endpoint.created",
            "webhook_endpoint.updated",
            "webhook_endpoint.deleted",
            "webhook_endpoint.secret_rolled",
            "webhook_endpoint.disabled")));

    private EventTypes() {
    }
}
