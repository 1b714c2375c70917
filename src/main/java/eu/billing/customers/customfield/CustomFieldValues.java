package eu.billing.customers.customfield;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

import eu.billing.customers.platform.problem.FieldError;
import eu.billing.customers.platform.problem.ValidationFailed;

/**
 * The values of custom fields on a customer, checked against the organization's definitions: the
 * customer feature asks this for every write that carries {@code custom_fields}, for every create
 * (required fields), and for the {@code custom_fields[<key>]} filter of its listing. Values are
 * stored as the API answers them: STRING, ENUM and DATE as strings, NUMBER as a canonical decimal
 * string, BOOLEAN as a boolean.
 */
@ApplicationScoped
public class CustomFieldValues {

    /** A STRING value's length limit when the definition sets none, and the highest max_length. */
    public static final int STRING_MAX = 500;
    /** A NUMBER value: a decimal string, optionally negative, at most 18 digits before the point and 8 after. */
    public static final String NUMBER_PATTERN = "^-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,8})?$";
    public static final String DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    /** Where a field error about a value points: {@code custom_fields.<key>}. */
    public static final String FIELD = "custom_fields";

    private static final Pattern NUMBER = Pattern.compile(NUMBER_PATTERN);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private static final String DEFINITIONS = """
            SELECT * FROM custom_field_definitions WHERE organization_id = ?1""";

    private final EntityManager em;
    private final CustomFieldLock lock;

    public CustomFieldValues(EntityManager em, CustomFieldLock lock) {
        this.em = em;
        this.lock = lock;
    }

    /** A definition as the checks need it. */
    public record Rule(String key, CustomFieldType type, boolean required, List<String> options, Integer maxLength,
            boolean live) {
    }

    /** The organization's definitions (live and archived) at one moment, by key. */
    public record Definitions(Map<String, Rule> rules) {

        public Rule get(String key) {
            return rules.get(key);
        }
    }

    /**
     * Takes the organization's custom-field lock shared, for a customer write about to check or
     * set values (see {@link CustomFieldLock}): call it before locking any customer row.
     */
    public void lockForWrite(UUID organizationId) {
        lock.shared(organizationId);
    }

    /** The definitions as committed now (read after {@link #lockForWrite}: they cannot change until commit). */
    @SuppressWarnings("unchecked")
    public Definitions definitions(UUID organizationId) {
        // only this table's pending changes need flushing first: a native query without its tables
        // named flushes the whole session, writing a customer the write is still changing (an extra
        // UPDATE customers per create with an external_id, issue 16)
        List<CustomFieldDefinition> rows = em.createNativeQuery(DEFINITIONS, CustomFieldDefinition.class)
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(CustomFieldDefinition.class)
                .setParameter(1, organizationId).getResultList();
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (CustomFieldDefinition d : rows) {
            rules.put(d.key, rule(d));
        }
        return new Definitions(Map.copyOf(rules));
    }

    static Rule rule(CustomFieldDefinition d) {
        return new Rule(d.key, d.type, d.required, d.options == null ? null : List.of(d.options), d.maxLength,
                d.live());
    }

    /**
     * The values after a write: {@code current} with {@code sent} merged in key by key (a key sent
     * as null removes its value; {@code sent} null: the write carries no custom_fields). Each bad
     * key is added to {@code errors} as {@code custom_fields.<key>}; when {@code checkRequired},
     * so is each live required field without a value.
     */
    public Map<String, Object> merge(Definitions definitions, Map<String, Object> current, Map<String, Object> sent,
            boolean checkRequired, List<FieldError> errors) {
        Map<String, Object> values = new TreeMap<>(current == null ? Map.of() : current);
        if (sent != null) {
            for (Map.Entry<String, Object> entry : sent.entrySet()) {
                String key = entry.getKey();
                Rule rule = definitions.get(key);
                if (entry.getValue() == null) {
                    if (rule == null && !values.containsKey(key)) {
                        errors.add(error(key, "is not a custom field of this organization"));
                    }
                    values.remove(key);
                    continue;
                }
                if (rule == null || !rule.live()) {
                    errors.add(error(key, rule == null ? "is not a custom field of this organization"
                            : "is an archived custom field: it takes no new values"));
                    continue;
                }
                String problem = check(rule, entry.getValue());
                if (problem != null) {
                    errors.add(error(key, problem));
                    continue;
                }
                values.put(key, canonical(rule, entry.getValue()));
            }
        }
        if (checkRequired) {
            for (Rule rule : definitions.rules().values()) {
                if (rule.live() && rule.required() && !values.containsKey(rule.key())
                        && errors.stream().noneMatch(e -> e.field().equals(FIELD + "." + rule.key()))) {
                    errors.add(error(rule.key(), "is required"));
                }
            }
        }
        return values;
    }

    /**
     * The {@code custom_fields[<key>]=<value>} filter of a customer listing, as the JSON object a
     * customer's values must contain: each key a custom field of the organization (archived ones
     * too: their values are still stored), each value checked and written as stored.
     */
    public Map<String, Object> filter(UUID organizationId, Map<String, String> query) {
        if (query.isEmpty()) {
            return Map.of();
        }
        Definitions definitions = definitions(organizationId);
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> filter = new TreeMap<>();
        query.forEach((key, text) -> {
            String field = FIELD + "[" + key + "]";
            Rule rule = definitions.get(key);
            if (rule == null) {
                errors.add(new FieldError(field, "is not a custom field of this organization"));
                return;
            }
            Object value = text;
            if (rule.type() == CustomFieldType.BOOLEAN) {
                if (!text.equals("true") && !text.equals("false")) {
                    errors.add(new FieldError(field, "must be true or false"));
                    return;
                }
                value = Boolean.valueOf(text);
            }
            String problem = check(rule, value);
            if (problem != null) {
                errors.add(new FieldError(field, problem));
                return;
            }
            filter.put(key, canonical(rule, value));
        });
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return filter;
    }

    /** Why {@code value} is not a value of the field; null when it is one. */
    static String check(Rule rule, Object value) {
        switch (rule.type()) {
            case BOOLEAN -> {
                return value instanceof Boolean ? null : "must be true or false (a JSON boolean)";
            }
            case NUMBER -> {
                if (!(value instanceof String s)) {
                    return "must be a decimal number as a JSON string, such as \"12.50\"";
                }
                return NUMBER.matcher(s).matches() ? null
                        : "must be a decimal string such as \"12.50\" or \"-3\" (at most 18 digits before the point "
                                + "and 8 after)";
            }
            case DATE -> {
                if (!(value instanceof String s)) {
                    return "must be a date as a JSON string YYYY-MM-DD";
                }
                try {
                    LocalDate.parse(s, DATE);
                    return s.matches(DATE_PATTERN) ? null : "must be a date YYYY-MM-DD";
                } catch (DateTimeParseException e) {
                    return "must be a valid date YYYY-MM-DD";
                }
            }
            case ENUM -> {
                if (!(value instanceof String s)) {
                    return "must be a JSON string, one of " + rule.options();
                }
                return rule.options().contains(s) ? null : "must be one of " + rule.options();
            }
            default -> {
                if (!(value instanceof String s)) {
                    return "must be a JSON string";
                }
                int max = rule.maxLength() == null ? STRING_MAX : rule.maxLength();
                if (s.isEmpty()) {
                    return "must not be empty (send null to remove the value)";
                }
                return s.codePointCount(0, s.length()) <= max ? null : "must be at most " + max + " characters";
            }
        }
    }

    /** The stored form of a valid value: NUMBER without trailing zeros ("12.50" is "12.5"). */
    static Object canonical(Rule rule, Object value) {
        if (rule.type() == CustomFieldType.NUMBER) {
            BigDecimal number = new BigDecimal((String) value);
            return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
        }
        return value;
    }

    private static FieldError error(String key, String message) {
        return new FieldError(FIELD + "." + key, message);
    }
}
