package eu.billing.customers.customfield;

import java.util.List;
import java.util.Set;

/**
 * One write of a definition (create or update), in this feature's terms. Only the fields named in
 * {@code present} are written (JSON names: {@code key}, {@code label}, {@code description},
 * {@code type}, {@code required}, {@code options}, {@code max_length}); a present {@code null}
 * clears an optional one.
 */
public record DefinitionInput(Set<String> present, String key, String label, String description,
        CustomFieldType type, Boolean required, List<String> options, Integer maxLength) {

    public DefinitionInput {
        present = Set.copyOf(present);
    }

    public boolean has(String field) {
        return present.contains(field);
    }
}
