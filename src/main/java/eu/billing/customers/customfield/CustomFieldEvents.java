package eu.billing.customers.customfield;

import java.util.LinkedHashMap;
import java.util.Map;

import eu.billing.customers.events.EventPayload;

/**
 * The events of definition changes, in the organization's audit trail (no customer):
 * {@code data} is {@code {"key": ..., "changes": {"<field>": {"before": ..., "after": ...}}}}.
 */
public final class CustomFieldEvents {

    private CustomFieldEvents() {
    }

    /** {@code custom_field.created}; {@code reactivated}: an archived key defined again (with its type). */
    public record Created(String key, Map<String, Object> changes, boolean reactivated) implements EventPayload {
        public String type() {
            return "custom_field.created";
        }

        public Map<String, Object> data() {
            Map<String, Object> data = body(key, changes);
            data.put("reactivated", reactivated);
            return data;
        }
    }

    /** {@code custom_field.updated}. */
    public record Updated(String key, Map<String, Object> changes) implements EventPayload {
        public String type() {
            return "custom_field.updated";
        }

        public Map<String, Object> data() {
            return body(key, changes);
        }
    }

    /** {@code custom_field.archived}. */
    public record Archived(String key, Map<String, Object> changes) implements EventPayload {
        public String type() {
            return "custom_field.archived";
        }

        public Map<String, Object> data() {
            return body(key, changes);
        }
    }

    private static Map<String, Object> body(String key, Map<String, Object> changes) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("key", key);
        data.put("changes", changes);
        return data;
    }
}
