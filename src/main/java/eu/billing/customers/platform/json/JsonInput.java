package eu.billing.customers.platform.json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.problem.FieldError;
import eu.billing.customers.platform.problem.ValidationFailed;

/**
 * Binds a JSON object to a request record and validates it, reporting every bad field at once:
 * unknown fields, wrong JSON types, unknown enum values and Bean Validation constraints alike.
 * Keeps the set of fields the client sent, so that PATCH can tell "absent" from "null".
 */
@ApplicationScoped
public class JsonInput {

    private final ObjectMapper mapper;
    private final Validator validator;

    public JsonInput(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** A bound request: the typed value and the names of the fields that were present. */
    public record Bound<T>(T value, Set<String> present) {
        public boolean has(String field) {
            return present.contains(field);
        }
    }

    public <T> Bound<T> bind(ObjectNode body, Class<T> type) {
        return bind(body, type, Set.of());
    }

    /**
     * @param readOnly fields that exist on the resource but may not be written by this request;
     *                 sending one is a field error that says so.
     */
    public <T> Bound<T> bind(ObjectNode body, Class<T> type, Set<String> readOnly) {
        if (body == null) {
            throw new DomainException(ErrorCode.BODY_REQUIRED, "send a JSON object as the request body");
        }
        List<FieldError> errors = new ArrayList<>();
        ObjectNode usable = body.deepCopy();
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (readOnly.contains(field)) {
                errors.add(new FieldError(field, "is read-only and cannot be set by this request"));
                usable.remove(field);
            }
        }
        rejectNulCharacters(body, "", errors);
        T value = tryBind(usable, type, new ArrayList<>());
        if (value == null) {
            // the body did not bind as a whole: find every field that fails on its own
            for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (readOnly.contains(field.getKey())) {
                    continue;
                }
                ObjectNode single = mapper.createObjectNode();
                single.set(field.getKey(), field.getValue());
                List<FieldError> own = new ArrayList<>();
                tryBind(single, type, own);
                for (FieldError e : own) {
                    errors.add(e.field() == null || e.field().isEmpty() ? new FieldError(field.getKey(), e.message()) : e);
                }
                if (!own.isEmpty()) {
                    usable.remove(field.getKey());
                }
            }
            value = tryBind(usable, type, new ArrayList<>());
            if (value == null && errors.isEmpty()) {
                throw new DomainException(ErrorCode.BAD_REQUEST, "the request body could not be read");
            }
        }
        if (value != null) {
            for (ConstraintViolation<T> v : validator.validate(value)) {
                errors.add(new FieldError(fieldName(v.getPropertyPath().toString()), v.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(dedupe(errors));
        }
        Set<String> present = new LinkedHashSet<>();
        body.fieldNames().forEachRemaining(present::add);
        return new Bound<>(value, present);
    }

    /** PostgreSQL cannot store U+0000 in text; refuse it as a field error instead of failing later. */
    private static void rejectNulCharacters(JsonNode node, String path, List<FieldError> errors) {
        if (node.isTextual()) {
            if (node.textValue().indexOf('\u0000') >= 0) {
                errors.add(new FieldError(path, "must not contain the NUL character"));
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().indexOf('\u0000') >= 0) {
                    errors.add(new FieldError(path, "must not contain the NUL character in a key"));
                }
                rejectNulCharacters(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectNulCharacters(node.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private <T> T tryBind(ObjectNode node, Class<T> type, List<FieldError> errors) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonMappingException e) {
            errors.add(e.getPath().isEmpty() ? new FieldError(null, brief(e)) : fieldError(e));
            return null;
        } catch (JsonProcessingException e) {
            errors.add(new FieldError(null, brief(e)));
            return null;
        }
    }

    private static List<FieldError> dedupe(List<FieldError> errors) {
        return List.copyOf(new LinkedHashSet<>(errors));
    }

    /** A field error for a Jackson mapping failure, worded for API clients. */
    public static FieldError fieldError(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String message;
        if (e instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
        } else if (e instanceof InvalidFormatException f && f.getOriginalMessage() != null
                && f.getOriginalMessage().startsWith("Cannot coerce") && f.getTargetType() != null) {
            message = "has the wrong JSON type: expected " + describe(f.getTargetType());
        } else if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            message = "must be one of " + java.util.Arrays.toString(f.getTargetType().getEnumConstants());
        } else if (e instanceof InvalidFormatException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("must")) {
            message = e.getOriginalMessage();
        } else if (e instanceof ValueInstantiationException || e instanceof InvalidFormatException) {
            Throwable cause = e.getCause();
            message = cause instanceof IllegalArgumentException && cause.getMessage() != null
                    ? cause.getMessage()
                    : "has an invalid value";
        } else {
            message = "has the wrong JSON type";
            Class<?> target = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m
                    ? m.getTargetType() : null;
            if (target != null) {
                message = "has the wrong JSON type: expected " + describe(target);
            }
        }
        return new FieldError(path.toString(), message);
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.math.BigDecimal.class) {
            return "a decimal string such as \"12.50\"";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "another type";
    }

    /** The first line of a Jackson message, without the source excerpt Jackson appends. */
    public static String brief(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "invalid JSON" : e.getOriginalMessage();
        int cut = message.indexOf('\n');
        message = cut > 0 ? message.substring(0, cut) : message;
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            message += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return message;
    }

    /** {@code billingAddress.postalCode} becomes {@code billing_address.postal_code}. */
    public static String fieldName(String javaPath) {
        StringBuilder out = new StringBuilder(javaPath.length() + 8);
        for (int i = 0; i < javaPath.length(); i++) {
            char c = javaPath.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().replace("<list element>", "").replace(".[", "[");
    }
}
