package eu.billing.customers.events;

import java.util.Map;

/**
 * What happened, as one event: its type (such as {@code customer.updated}) and its data, exactly
 * as the event log stores them and {@code GET /v1/events} shows them. Each feature declares its own
 * events as records implementing this (customer/CustomerEvents, tax/VatEvents, merge/MergeEvent).
 */
public interface EventPayload {

    /** The event type: {@code <resource>.<what happened>}, lower case. */
    String type();

    /** The event's {@code data} object (snake_case keys, JSON values). */
    Map<String, Object> data();
}
