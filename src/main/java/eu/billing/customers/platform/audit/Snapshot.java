package eu.billing.customers.platform.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A record's fields at one moment, by the names and in the JSON form its events show them. Two
 * snapshots of one write give the event's {@code changes}: {@code {"<field>": {"before": ...,
 * "after": ...}}}, only for the fields that changed.
 */
public final class Snapshot {

    private final Map<String, Object> fields;

    public Snapshot(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Object get(String field) {
        return fields.get(field);
    }

    /** Every field, in the record's order. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** The fields that differ in {@code after}, except {@code untracked} ones. */
    public Map<String, Object> changesTo(Snapshot after, Set<String> untracked) {
        Map<String, Object> changes = new LinkedHashMap<>();
        after.fields.forEach((field, value) -> {
            if (!untracked.contains(field) && !Objects.equals(fields.get(field), value)) {
                changes.put(field, change(fields.get(field), value));
            }
        });
        return changes;
    }

    /**
     * The changes of a creation: every field that holds something (not null, not an empty list or
     * map, not false), from null, except {@code untracked} ones.
     */
    public Map<String, Object> asCreated(Set<String> untracked) {
        Map<String, Object> changes = new LinkedHashMap<>();
        fields.forEach((field, value) -> {
            if (value != null && !untracked.contains(field) && !isEmpty(value)) {
                changes.put(field, change(null, value));
            }
        });
        return changes;
    }

    /** One entry of {@code changes}. */
    public static Map<String, Object> change(Object before, Object after) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("before", before);
        change.put("after", after);
        return change;
    }

    private static boolean isEmpty(Object value) {
        return (value instanceof List<?> l && l.isEmpty()) || (value instanceof Map<?, ?> m && m.isEmpty())
                || Boolean.FALSE.equals(value);
    }
}
