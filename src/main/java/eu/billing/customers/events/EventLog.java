package eu.billing.customers.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.tenancy.Caller;

/** Writes events in the caller's transaction: a change and its event commit together or not at all. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class EventLog {

    public static final String CUSTOMER_CREATED = "customer.created";
    public static final String CUSTOMER_UPDATED = "customer.updated";
    public static final String CUSTOMER_ARCHIVED = "customer.archived";
    public static final String CUSTOMER_RESTORED = "customer.restored";
    public static final String CUSTOMER_MODE_CHANGED = "customer.mode_changed";
    public static final String CUSTOMER_TYPE_CHANGED = "customer.type_changed";
    public static final String CUSTOMER_PAYMENT_PROVIDERS_CHANGED = "customer.payment_providers_changed";
    public static final String CUSTOMER_MERGED = "customer.merged";
    public static final String CUSTOMER_VAT_VALIDATION_CHANGED = "customer.vat_validation_changed";
    public static final String CUSTOMER_VAT_OVERRIDE_SET = "customer.vat_override_set";
    public static final String CUSTOMER_VAT_OVERRIDE_CLEARED = "customer.vat_override_cleared";
    public static final String CUSTOMER_VAT_OVERRIDE_EXPIRED = "customer.vat_override_expired";

    private final Caller caller;

    public EventLog(Caller caller) {
        this.caller = caller;
    }

    public Event record(String type, UUID organizationId, UUID customerId, Instant at, String reason,
            Map<String, Object> data) {
        Event event = new Event();
        event.id = Ids.newId();
        event.organizationId = organizationId;
        event.customerId = customerId;
        event.type = type;
        event.occurredAt = at;
        event.reason = reason;
        event.data = data;
        if (caller.apiKeyId() != null) {
            event.actorType = "api_key";
            event.actorApiKeyId = caller.apiKeyId();
        } else {
            event.actorType = caller.admin() ? "admin" : "system";
        }
        event.actorLabel = caller.actorLabel();
        event.persist();
        return event;
    }
}
