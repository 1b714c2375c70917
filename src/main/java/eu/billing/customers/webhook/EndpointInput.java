package eu.billing.customers.webhook;

import java.util.List;
import java.util.Set;

/**
 * The fields of a create or update of an endpoint; {@code present} names the ones the request sent
 * (an update changes only those).
 */
public record EndpointInput(Set<String> present, String url, String description, List<String> enabledEvents,
        Boolean disabled) {

    public boolean has(String field) {
        return present.contains(field);
    }
}
