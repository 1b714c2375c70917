package eu.billing.customers.events;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import eu.billing.customers.common.Ids;
import eu.billing.customers.common.page.Cursor;
import eu.billing.customers.common.page.ListEnvelope;
import eu.billing.customers.common.page.Page;
import eu.billing.customers.common.page.PageRequest;
import eu.billing.customers.common.problem.ValidationFailed;
import eu.billing.customers.events.rest.EventView;
import eu.billing.customers.tenancy.Caller;

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

    public ListEnvelope<EventView> list(Filter filter, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT * FROM events WHERE organization_id = :org");
        if (filter.customerId() != null) {
            sql.append(" AND customer_id = :customer");
        }
        if (filter.type() != null) {
            sql.append(" AND type = :type");
        }
        Cursor after = page.after();
        if (after != null) {
            sql.append(" AND (occurred_at, id) < (:at, :id)");
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT :limit");
        Query query = em.createNativeQuery(sql.toString(), Event.class)
                .setParameter("org", caller.organizationId())
                .setParameter("limit", page.limit() + 1);
        if (filter.customerId() != null) {
            query.setParameter("customer", filter.customerId());
        }
        if (filter.type() != null) {
            query.setParameter("type", filter.type());
        }
        if (after != null) {
            query.setParameter("at", after.at()).setParameter("id", after.id());
        }
        @SuppressWarnings("unchecked")
        List<Event> rows = new ArrayList<>(query.getResultList());
        return Page.of(rows, page, filter.canonical(), e -> e.occurredAt, e -> e.id, EventView::of);
    }
}
