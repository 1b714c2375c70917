package eu.billing.customers.customfield;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import eu.billing.customers.events.EventLog;
import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.Ids;
import eu.billing.customers.platform.audit.Snapshot;
import eu.billing.customers.platform.page.KeysetQuery;
import eu.billing.customers.platform.page.ListEnvelope;
import eu.billing.customers.platform.page.Page;
import eu.billing.customers.platform.page.PageRequest;
import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.problem.FieldError;
import eu.billing.customers.platform.problem.ValidationFailed;
import eu.billing.customers.platform.tenancy.Caller;

/**
 * Defining, changing and archiving an organization's custom fields. Each public method is one
 * transaction; every change holds the organization's custom-field lock exclusively
 * ({@link CustomFieldLock}) from before it reads the definition until it commits, so the counts of
 * affected customers it answers with cannot miss a customer write in flight, and the limit of live
 * definitions holds under concurrent creates.
 */
@ApplicationScoped
@Transactional
public class CustomFieldDefinitions {

    public static final String KEY_PATTERN = "^[a-z][a-z0-9_]{0,39}$";
    /** The most live definitions an organization may have. */
    public static final int MAX_LIVE = 100;
    public static final int MAX_OPTIONS = 100;
    public static final int MAX_OPTION_LENGTH = 100;

    private static final Pattern KEY = Pattern.compile(KEY_PATTERN);
    private static final Set<String> UNTRACKED = Set.of("created_at", "updated_at");

    private final EntityManager em;
    private final Caller caller;
    private final CustomFieldLock lock;
    private final StoredValues stored;
    private final EventLog events;
    private final Clock clock;

    public CustomFieldDefinitions(EntityManager em, Caller caller, CustomFieldLock lock, StoredValues stored,
            EventLog events, Clock clock) {
        this.em = em;
        this.caller = caller;
        this.lock = lock;
        this.stored = stored;
        this.events = events;
        this.clock = clock;
    }

    /** A definition and whether this request created it (else it reactivated an archived key). */
    public record Saved(CustomFieldDefinition definition, boolean reactivated) {
    }

    /**
     * Defines a field. A live key is 409 CUSTOM_FIELD_KEY_TAKEN; an archived key comes back when
     * the type is the same (its stored values count as for an update), else 409
     * CUSTOM_FIELD_KEY_ARCHIVED. A new required field needs every live customer to have a value,
     * which none has yet: 409 CUSTOM_FIELD_REQUIRED_MISSING when the organization has live customers.
     */
    public Saved create(DefinitionInput in) {
        List<FieldError> errors = new ArrayList<>();
        if (in.key() == null || !KEY.matcher(in.key()).matches()) {
            errors.add(new FieldError("key", "is required: 1 to 40 of a-z, 0-9 and _, starting with a letter"));
        }
        if (in.label() == null) {
            errors.add(new FieldError("label", "is required"));
        }
        if (in.type() == null) {
            errors.add(new FieldError("type", "is required: one of STRING, NUMBER, BOOLEAN, DATE, ENUM"));
        }
        if (in.has("required") && in.required() == null) {
            errors.add(new FieldError("required", "must not be null"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        Shape shape = shape(in.type(), null, in); // a bad option list is 400 whatever the key's state
        UUID org = caller.organizationId();
        lock.exclusive(org);
        CustomFieldDefinition existing = find(org, in.key());
        if (existing != null && existing.live()) {
            throw new DomainException(ErrorCode.CUSTOM_FIELD_KEY_TAKEN,
                    "the organization already has a custom field with key " + in.key());
        }
        if (existing != null && existing.type != in.type()) {
            throw new DomainException(ErrorCode.CUSTOM_FIELD_KEY_ARCHIVED, "the archived custom field " + in.key()
                    + " was of type " + existing.type + ", and its stored values stay: define it again as "
                    + existing.type + " or choose another key")
                    .with("field", "type");
        }
        long live = CustomFieldDefinition.count("organizationId = ?1 and archivedAt is null", org);
        if (live >= MAX_LIVE) {
            throw new DomainException(ErrorCode.CUSTOM_FIELD_LIMIT_REACHED, "an organization may have at most "
                    + MAX_LIVE + " live custom fields; archive one first");
        }
        Instant now = Clocks.now(clock);
        if (existing == null) {
            CustomFieldDefinition d = new CustomFieldDefinition();
            d.id = Ids.newId();
            d.organizationId = org;
            d.key = in.key();
            d.type = in.type();
            d.createdAt = now;
            d.label = in.label();
            d.description = in.description();
            d.required = Boolean.TRUE.equals(in.required());
            d.options = shape.options();
            d.maxLength = shape.maxLength();
            if (d.required) {
                refuseIfAffected(ErrorCode.CUSTOM_FIELD_REQUIRED_MISSING, stored.liveWithout(org, d.key),
                        "a new required field: every live customer lacks it; create it optional, fill it in, then "
                                + "make it required");
            }
            d.updatedAt = now;
            d.persist();
            events.record(org, null, now, null,
                    new CustomFieldEvents.Created(d.key, snapshot(d).asCreated(UNTRACKED), false));
            return new Saved(d, false);
        }
        Snapshot before = snapshot(existing);
        DefinitionInput full = new DefinitionInput(Set.of("label", "description", "required", "options", "max_length"),
                in.key(), in.label(), in.description(), in.type(),
                Boolean.TRUE.equals(in.required()), in.options(), in.maxLength());
        existing.required = false; // live customers created while it was archived may lack it: count them
        change(existing, full);
        existing.archivedAt = null;
        existing.updatedAt = now;
        events.record(org, null, now, null, new CustomFieldEvents.Created(existing.key,
                before.changesTo(snapshot(existing), UNTRACKED), true));
        return new Saved(existing, true);
    }

    /** A definition of the caller's organization, live or archived; 404 when there is none. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CustomFieldDefinition get(String key) {
        CustomFieldDefinition d = find(caller.organizationId(), key);
        if (d == null) {
            throw notFound(key);
        }
        return d;
    }

    /** Newest first; archived definitions only when asked for. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ListEnvelope<CustomFieldDefinition> list(boolean includeArchived, PageRequest page) {
        KeysetQuery query = KeysetQuery.over("custom_field_definitions", "created_at", caller.organizationId());
        if (!includeArchived) {
            query.and("archived_at IS NULL");
        }
        List<CustomFieldDefinition> rows = query.fetch(em, CustomFieldDefinition.class, page);
        return Page.of(rows, page, canonical(includeArchived), d -> d.createdAt, d -> d.id);
    }

    /** The cursor scope of a listing. */
    public static String canonical(boolean includeArchived) {
        return "custom_fields|" + includeArchived;
    }

    /**
     * Changes label, description, type, required, options or max_length. A change that would make
     * stored values invalid is refused with 409 and the number of customers affected; an archived
     * definition is 409 CUSTOM_FIELD_ARCHIVED (define it again with POST).
     */
    public CustomFieldDefinition update(String key, DefinitionInput in) {
        UUID org = caller.organizationId();
        lock.exclusive(org);
        CustomFieldDefinition d = find(org, key);
        if (d == null) {
            throw notFound(key);
        }
        if (!d.live()) {
            throw new DomainException(ErrorCode.CUSTOM_FIELD_ARCHIVED, "the custom field " + key
                    + " is archived: define it again with POST /v1/custom-fields to change it");
        }
        Snapshot before = snapshot(d);
        change(d, in);
        Map<String, Object> changes = before.changesTo(snapshot(d), UNTRACKED);
        if (!changes.isEmpty()) {
            Instant now = Clocks.now(clock);
            d.updatedAt = now;
            events.record(org, null, now, null, new CustomFieldEvents.Updated(d.key, changes));
        }
        return d;
    }

    /**
     * Archives a definition: stored values stay and are still answered, new values are refused,
     * and the field is no longer required. Archiving an archived definition changes nothing.
     */
    public CustomFieldDefinition archive(String key) {
        UUID org = caller.organizationId();
        lock.exclusive(org);
        CustomFieldDefinition d = find(org, key);
        if (d == null) {
            throw notFound(key);
        }
        if (!d.live()) {
            return d;
        }
        Instant now = Clocks.now(clock);
        Snapshot before = snapshot(d);
        d.archivedAt = now;
        d.updatedAt = now;
        events.record(org, null, now, null,
                new CustomFieldEvents.Archived(d.key, before.changesTo(snapshot(d), UNTRACKED)));
        return d;
    }

    // ---------------------------------------------------------------------------------------------

    /** The checked options and max_length of a definition of {@code type}. */
    private record Shape(String[] options, Integer maxLength) {
    }

    /**
     * Applies a write to a live definition, after checking that the result is a valid definition
     * (400) and that no stored value becomes invalid (409, with the count).
     */
    private void change(CustomFieldDefinition d, DefinitionInput in) {
        List<FieldError> errors = new ArrayList<>();
        if (in.has("label") && in.label() == null) {
            errors.add(new FieldError("label", "must not be null"));
        }
        if (in.has("type") && in.type() == null) {
            errors.add(new FieldError("type", "must not be null"));
        }
        if (in.has("required") && in.required() == null) {
            errors.add(new FieldError("required", "must not be null"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        CustomFieldType type = in.has("type") ? in.type() : d.type;
        Shape shape = shape(type, d, in);
        boolean required = in.has("required") ? in.required() : d.required;
        UUID org = d.organizationId;
        if (type != d.type) {
            refuseIfAffected(ErrorCode.CUSTOM_FIELD_TYPE_IN_USE, stored.withValue(org, d.key),
                    "the type of " + d.key + " cannot change from " + d.type + " to " + type
                            + " while customers have values for it");
        } else if (type == CustomFieldType.ENUM) {
            Set<String> removed = new LinkedHashSet<>(List.of(d.options));
            removed.removeAll(List.of(shape.options()));
            if (!removed.isEmpty()) {
                refuseIfAffected(ErrorCode.CUSTOM_FIELD_OPTION_IN_USE, stored.withValueIn(org, d.key, removed),
                        "options " + removed + " of " + d.key + " cannot be removed while customers have them");
            }
        } else if (type == CustomFieldType.STRING) {
            int now = effectiveMax(d.maxLength);
            int next = effectiveMax(shape.maxLength());
            if (next < now) {
                refuseIfAffected(ErrorCode.CUSTOM_FIELD_VALUE_TOO_LONG, stored.longerThan(org, d.key, next),
                        "max_length of " + d.key + " cannot go down to " + next
                                + " while customers have longer values");
            }
        }
        if (required && !d.required) {
            refuseIfAffected(ErrorCode.CUSTOM_FIELD_REQUIRED_MISSING, stored.liveWithout(org, d.key),
                    d.key + " cannot become required while live customers have no value for it");
        }
        if (in.has("label")) {
            d.label = in.label();
        }
        if (in.has("description")) {
            d.description = in.description();
        }
        d.type = type;
        d.required = required;
        d.options = shape.options();
        d.maxLength = shape.maxLength();
    }

    /**
     * The options and max_length a definition of {@code type} ends with: the ones sent, else the
     * current ones when they fit the type; options only for ENUM (and required there: 1 to 100
     * distinct strings), max_length only for STRING (1 to 500).
     */
    private static Shape shape(CustomFieldType type, CustomFieldDefinition current, DefinitionInput in) {
        List<FieldError> errors = new ArrayList<>();
        String[] options = null;
        if (in.has("options") && in.options() != null) {
            if (type != CustomFieldType.ENUM) {
                errors.add(new FieldError("options", "only ENUM fields have options"));
            } else {
                options = options(in.options(), errors);
            }
        } else if (type == CustomFieldType.ENUM) {
            if (!in.has("options") && current != null && current.type == CustomFieldType.ENUM) {
                options = current.options;
            } else {
                errors.add(new FieldError("options", "an ENUM field needs 1 to " + MAX_OPTIONS + " options"));
            }
        }
        Integer maxLength = null;
        if (in.has("max_length") && in.maxLength() != null) {
            if (type != CustomFieldType.STRING) {
                errors.add(new FieldError("max_length", "only STRING fields have a max_length"));
            } else if (in.maxLength() < 1 || in.maxLength() > CustomFieldValues.STRING_MAX) {
                errors.add(new FieldError("max_length", "must be from 1 to " + CustomFieldValues.STRING_MAX));
            } else {
                maxLength = in.maxLength();
            }
        } else if (!in.has("max_length") && type == CustomFieldType.STRING && current != null
                && current.type == CustomFieldType.STRING) {
            maxLength = current.maxLength;
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return new Shape(options, maxLength);
    }

    private static String[] options(List<String> sent, List<FieldError> errors) {
        if (sent.isEmpty() || sent.size() > MAX_OPTIONS) {
            errors.add(new FieldError("options", "must hold 1 to " + MAX_OPTIONS + " options"));
            return null;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < sent.size(); i++) {
            String option = sent.get(i);
            if (option == null || option.isBlank() || option.length() > MAX_OPTION_LENGTH) {
                errors.add(new FieldError("options[" + i + "]", "must be 1 to " + MAX_OPTION_LENGTH
                        + " characters, not blank"));
            } else if (!seen.add(option)) {
                errors.add(new FieldError("options[" + i + "]", "repeats \"" + option + "\": options must be distinct"));
            }
        }
        return sent.toArray(String[]::new);
    }

    private static int effectiveMax(Integer maxLength) {
        return maxLength == null ? CustomFieldValues.STRING_MAX : maxLength;
    }

    private static void refuseIfAffected(ErrorCode code, long affected, String detail) {
        if (affected > 0) {
            throw new DomainException(code, detail + " (" + affected + (affected == 1 ? " customer" : " customers")
                    + " affected)").with("affected_customers", affected);
        }
    }

    private static CustomFieldDefinition find(UUID org, String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return null;
        }
        return CustomFieldDefinition.<CustomFieldDefinition> find("organizationId = ?1 and key = ?2", org, key)
                .firstResult();
    }

    private static DomainException notFound(String key) {
        return new DomainException(ErrorCode.CUSTOM_FIELD_NOT_FOUND,
                "no custom field " + key + " in this organization");
    }

    /** A definition as its events show it. */
    static Snapshot snapshot(CustomFieldDefinition d) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("key", d.key);
        f.put("label", d.label);
        f.put("description", d.description);
        f.put("type", d.type.name());
        f.put("required", d.required);
        f.put("options", d.options == null ? null : List.of(d.options));
        f.put("max_length", d.maxLength);
        f.put("created_at", Objects.toString(d.createdAt, null));
        f.put("updated_at", Objects.toString(d.updatedAt, null));
        f.put("archived_at", Objects.toString(d.archivedAt, null));
        return new Snapshot(f);
    }
}
