package eu.billing.customers.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A valid request body for each operation, the starting point of the fuzzer's mutations and of
 * the tenant sweep's writes. Operations listed in {@link #SAMPLES} get a hand-picked realistic
 * body; any other operation with a documented request body gets one built from its schema in the
 * OpenAPI document (examples, enums, formats), so a new route is fuzzed with a body of the right
 * shape from the day it is added. Add a sample when the schema alone cannot make a body the
 * service accepts.
 */
final class SampleBodies {

    /** Makes a body; {@code someId} answers an id the caller may name (a customer of the fuzzed organization). */
    interface Sample {
        Map<String, Object> make(Random random, Supplier<String> someId);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<Operation, Sample> SAMPLES = Map.ofEntries(
            sample("POST /v1/customers", (random, id) -> customer(random, true)),
            sample("PATCH /v1/customers/{id}", (random, id) -> customer(random, false)),
            sample("POST /v1/customers/merge", (random, id) -> body("source_customer_id", id.get(),
                    "target_customer_id", id.get(), "strategy", random.nextBoolean() ? "KEEP_TARGET" : "FILL_FROM_SOURCE")),
            sample("POST /v1/customers/{id}/billing-mode", (random, id) -> body(
                    "mode", random.nextBoolean() ? "PREPAID" : "POSTPAID", "reason", "fuzz")),
            sample("POST /v1/customers/{id}/customer-type", (random, id) -> body(
                    "customer_type", "BUSINESS", "reason", "fuzz")),
            sample("PATCH /v1/customers/{id}/payment-providers", (random, id) -> body(
                    "preferred_provider", "stripe", "disabled_providers", List.of("paypal"))),
            sample("POST /v1/customers/{id}/tax-ids", (random, id) -> body(
                    "type", "other", "value", "fuzz-ref-" + random.nextInt(1_000_000))),
            sample("PUT /v1/customers/{id}/vat-verification/manual-override", (random, id) -> body(
                    "reason", "certificate checked by hand", "ttl", "P30D")),
            sample("PATCH /v1/organization/settings", (random, id) -> body(
                    "vat_validation_enabled", true, "manual_override_max_ttl", "P90D", "default_currency", "EUR")),
            sample("POST /v1/custom-fields", (random, id) -> body("key", "fuzz_" + Integer.toHexString(random.nextInt()),
                    "label", "Fuzz", "type", "ENUM", "options", List.of("a", "b"))),
            sample("PATCH /v1/custom-fields/{key}", (random, id) -> body("label", "Fuzzed", "required", false)),
            sample("POST /v1/admin/organizations", (random, id) -> body("name", "Fuzz org", "default_currency", "EUR")),
            sample("POST /v1/admin/organizations/{id}/api-keys", (random, id) -> body("name", "fuzz key")));

    private SampleBodies() {
    }

    /**
     * A valid body for the operation: its sample, else one built from its documented schema, else
     * {@code {}} for a write without a documented body (the service must ignore or refuse it), else
     * null.
     */
    static Object valid(ApiDocument document, Operation operation, Random random, Supplier<String> someId) {
        Sample sample = SAMPLES.get(operation);
        if (sample != null) {
            return sample.make(random, someId);
        }
        JsonNode schema = document.requestSchema(operation);
        if (schema != null) {
            return fromSchema(document, schema, random, someId, 0);
        }
        return operation.writes() ? new LinkedHashMap<String, Object>() : null;
    }

    /** Whether the operation has a hand-picked sample (else its body comes from the schema). */
    static boolean hasSample(Operation operation) {
        return SAMPLES.containsKey(operation);
    }

    /** A customer body with every writable field set to a valid value. */
    static Map<String, Object> customer(Random random, boolean create) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("external_id", "fuzz-" + random.nextInt(1000));
        body.put("name", "Fuzz customer");
        body.put("email", "fuzz@example.com");
        body.put("locale", "de-DE");
        body.put("customer_type", "BUSINESS");
        body.put("billing_model", "POSTPAID");
        if (create) {
            body.put("mode", "POSTPAID"); // create only; PATCH refuses a different mode
        }
        body.put("preferred_currency", "EUR");
        body.put("payment_terms_days", 30);
        body.put("peppol_id", "0088:5790000435975");
        body.put("prefer_einvoice", true);
        body.put("einvoice_email", "einvoice@example.com");
        body.put("default_credit_limit", "100.00");
        body.put("default_max_balance", "1000.00");
        body.put("default_auto_topup_enabled", false);
        body.put("vat_number", "DE123456789");
        body.put("billing_address", new LinkedHashMap<>(Map.of("line1", "Hauptstr. 1", "city", "Berlin",
                "postal_code", "10115", "country", "DE")));
        body.put("tags", List.of("fuzz", "eu"));
        body.put("metadata", Map.of("crm", "fuzz"));
        return body;
    }

    /** A value of the schema: its example, a value of its enum, or one of its type and format. */
    static Object fromSchema(ApiDocument document, JsonNode declared, Random random, Supplier<String> someId, int depth) {
        JsonNode schema = document.resolve(declared);
        if (schema.path("examples").size() > 0) {
            return JSON.convertValue(schema.path("examples").get(0), Object.class);
        }
        if (schema.has("example")) {
            return JSON.convertValue(schema.get("example"), Object.class);
        }
        if (schema.path("enum").size() > 0) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size())).asText();
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                Map<String, Object> object = new LinkedHashMap<>();
                if (depth < 4) {
                    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                        object.put(property.getKey(), fromSchema(document, property.getValue(), random, someId, depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                List<Object> array = new ArrayList<>();
                if (depth < 4 && schema.has("items")) {
                    array.add(fromSchema(document, schema.get("items"), random, someId, depth + 1));
                }
                return array;
            }
            case "integer" -> {
                return schema.path("minimum").asInt(1);
            }
            case "number" -> {
                return schema.path("minimum").asDouble(1);
            }
            case "boolean" -> {
                return true;
            }
            default -> {
                return switch (schema.path("format").asText()) {
                    case "uuid" -> someId.get();
                    case "date-time" -> "2030-01-01T00:00:00Z";
                    case "date" -> "2030-01-01";
                    case "email" -> "fuzz@example.com";
                    default -> "fuzz";
                };
            }
        }
    }

    private static Map.Entry<Operation, Sample> sample(String operation, Sample sample) {
        return Map.entry(Operation.of(operation), sample);
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }
}
