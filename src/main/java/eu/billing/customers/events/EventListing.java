package eu.billing.customers.events;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.page.KeysetQuery;
import eu.billing.customers.platform.page.ListEnvelope;
import eu.billing.customers.platform.page.Page;
import eu.billing.customers.platform.page.PageRequest;
import eu.billing.customers.platform.problem.ValidationFailed;
import eu.billing.customers.platform.tenancy.Caller;

/** Newest-first keyset listing of the organization's events. */
@ApplicationScoped
public class EventListing {

    private final EntityManager em;
    private final Caller caller;

    public EventListing(EntityManager em, Caller caller) {
        this.em = em;
        this.caller = caller;
    }

    public record Filter(String type, UUID customerId) {

        public static Filter parse(String type, String customerId) {
            String t = type == null || type.isBlank() ? null : type.trim();
            if (t != null && (t.length() > 64 || !t.matches("[a-z0-9_.]+"))) {
                throw ValidationFailed.of("type", "must be an event type such as customer.updated");
            }
            UUID c = null;
            if (customerId != null && !customerId.isBlank()) {
                try {
                    c = Ids.parse(customerId.trim(), "customer_id");
                } catch (RuntimeException e) {
                    throw ValidationFailed.of("customer_id", "must be a UUID");
                }
            }
            return new Filter(t, c);
        }

        public String canonical() {
            return "events|" + (type == null ? "" : type) + "|" + (customerId == null ? "" : customerId);
        }
    }

    public ListEnvelope<Event> list(Filter filter, PageRequest page) {
        KeysetQuery query = KeysetQuery.over("events", "occurred_at", caller.organizationId());
        if (filter.customerId() != null) {
            query.and("customer_id = :customer", "customer", filter.customerId());
        }
        if (filter.type() != null) {
            query.and("type = :type", "type", filter.type());
        }
        List<Event> rows = query.fetch(em, Event.class, page);
        return Page.of(rows, page, filter.canonical(), e -> e.occurredAt, e -> e.id);
    }
}
