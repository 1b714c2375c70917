package eu.billing.customers.events;

import java.util.Set;
import java.util.TreeSet;

/**
 * Every event type the service writes: the one list that webhook endpoints subscribe from
 * ({@code enabled_events}). A feature that adds an event type adds its line here, in the same change
 * (EventTypesTest checks that every type written in the test suite is listed).
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
            // webhook/WebhookEvents
            "webhook_endpoint.created",
            "webhook_endpoint.updated",
            "webhook_endpoint.deleted",
            "webhook_endpoint.secret_rolled",
            "webhook_endpoint.disabled")));

    private EventTypes() {
    }
}
