package eu.billing.customers.contract;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.platform.problem.ErrorCode;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The rules of docs/openapi.md, checked on the served document: what a generated client needs to
 * be right. A new endpoint that forgets one fails here.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Pattern CAMEL_CASE = Pattern.compile("^[a-z][a-zA-Z0-9]+$");
    /** Inline flags, look-around, named groups, possessive or atomic constructs: not portable. */
    private static final Pattern NOT_PORTABLE = Pattern.compile("\\(\\?[^:]|[*+?}]\\+");
    private static final List<String> SHARED = List.of("400", "401", "406", "413", "415", "500", "503");
    private static final Set<String> CONDITIONAL = Set.of("updateCustomer", "archiveCustomer", "changeBillingMode",
            "changeCustomerType", "updatePaymentProviders");

    JsonNode doc;

    @BeforeEach
    void read() throws Exception {
        doc = new ObjectMapper().readTree(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void documentLevel() {
        assertEquals("3.0.3", doc.path("openapi").asText());
        assertFalse(doc.path("info").path("contact").path("name").asText().isBlank());
        assertTrue(doc.path("servers").size() >= 1);
        assertEquals(Set.of("api_key", "admin_token"), names(doc.path("components").path("securitySchemes")));
        for (String leaked : List.of("JsonNode", "ObjectNode", "ArrayNode", "JsonNodeType")) {
            assertTrue(doc.path("components").path("schemas").path(leaked).isMissingNode(), leaked);
            assertFalse(doc.toString().contains("#/components/schemas/" + leaked), leaked);
        }
    }

    @Test
    void everyOperationHasAStableIdADescriptionItsSecurityAndTheSharedParameters() {
        Set<String> ids = new HashSet<>();
        operations((path, operation) -> {
            String id = operation.path("operationId").asText();
            assertTrue(CAMEL_CASE.matcher(id).matches(), path + ": operationId '" + id + "'");
            assertTrue(ids.add(id), "duplicate operationId " + id);
            assertFalse(operation.path("summary").asText().isBlank(), id + ": summary");
            assertFalse(operation.path("description").asText().isBlank(), id + ": description");
            assertTrue(operation.path("tags").size() > 0, id + ": tags");
            String scheme = path.startsWith("/v1/admin/") ? "admin_token" : "api_key";
            assertEquals(Set.of(scheme), names(operation.path("security").path(0)), id + ": security");
            List<String> parameters = new ArrayList<>();
            operation.path("parameters").forEach(p -> parameters.add(p.has("$ref") ? p.path("$ref").asText()
                    : p.path("in").asText() + " " + p.path("name").asText()));
            assertTrue(parameters.contains("#/components/parameters/XActor"), id + ": X-Actor");
            assertTrue(parameters.contains("#/components/parameters/XRequestId"), id + ": X-Request-Id");
            assertEquals(CONDITIONAL.contains(id), parameters.contains("header If-Match"), id + ": If-Match");
            operation.path("parameters").forEach(p -> {
                if ("id".equals(p.path("name").asText())) {
                    assertEquals("uuid", p.path("schema").path("format").asText(), id + ": path id");
                }
            });
        });
        assertEquals(31, ids.size(), "operations: " + ids);
    }

    @Test
    void everyOperationAnswersSuccessFirstAndDocumentsEveryProblemItCanGive() {
        operations((path, operation) -> {
            String id = operation.path("operationId").asText();
            List<String> statuses = new ArrayList<>(names(operation.path("responses")));
            assertTrue(statuses.get(0).startsWith("2"), id + ": the success answer must come first: " + statuses);
            List<String> expected = new ArrayList<>(SHARED);
            if (path.contains("{")) {
                expected.add("404");
            }
            if (!path.startsWith("/v1/admin/")) {
                expected.add("429");
            }
            assertTrue(statuses.containsAll(expected), id + ": " + statuses + " lacks some of " + expected);
            for (Iterator<Map.Entry<String, JsonNode>> it = operation.path("responses").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> answer = it.next();
                JsonNode response = resolve(answer.getValue());
                String where = id + " " + answer.getKey();
                assertTrue(response.path("headers").has("X-Request-Id"), where + ": X-Request-Id");
                assertFalse(response.path("description").asText().isBlank(), where + ": description");
                JsonNode content = response.path("content");
                if (answer.getKey().startsWith("2")) {
                    assertEquals(Set.of("application/json"), names(content), where);
                    assertTrue(content.path("application/json").path("schema").has("$ref"), where + ": named schema");
                } else {
                    assertEquals(Set.of("application/problem+json"), names(content), where);
                    assertEquals("#/components/schemas/Problem",
                            content.path("application/problem+json").path("schema").path("$ref").asText(), where);
                }
            }
        });
    }

    @Test
    void headersOfTheAnswersThatCarryThem() {
        JsonNode paths = doc.path("paths");
        assertTrue(paths.path("/v1/customers/{id}").path("get").path("responses").path("200").path("headers")
                .has("ETag"));
        assertTrue(paths.path("/v1/customers/{id}").path("patch").path("responses").path("200").path("headers")
                .has("ETag"));
        assertTrue(doc.path("components").path("headers").path("ETag").path("required").asBoolean());
        assertTrue(paths.path("/v1/customers").path("post").path("responses").path("201").path("headers")
                .path("Location").path("required").asBoolean());
        JsonNode organization = paths.path("/v1/admin/organizations").path("post").path("responses").path("201");
        assertTrue(organization.path("headers").has("Location"));
        assertEquals("#/components/schemas/OrganizationCreatedEnvelope",
                organization.path("content").path("application/json").path("schema").path("$ref").asText());
        assertEquals("#/components/schemas/ApiKeyCreatedEnvelope", paths.path("/v1/admin/organizations/{id}/api-keys")
                .path("post").path("responses").path("201").path("content").path("application/json").path("schema")
                .path("$ref").asText());
        assertTrue(resolve(paths.path("/v1/customers").path("get").path("responses").path("429")).path("headers")
                .has("Retry-After"));
    }

    @Test
    void requestBodiesAreClosedRecordsWithoutDefaults() {
        operations((path, operation) -> {
            JsonNode body = operation.path("requestBody");
            if (body.isMissingNode()) {
                return;
            }
            String id = operation.path("operationId").asText();
            assertEquals(Set.of("application/json"), names(body.path("content")), id);
            JsonNode schema = resolve(body.path("content").path("application/json").path("schema"));
            assertFalse(schema.path("additionalProperties").asBoolean(true), id + ": unknown fields are refused");
            schema.path("properties").fields().forEachRemaining(p -> assertFalse(p.getValue().has("default"),
                    id + "." + p.getKey() + ": a default makes generated clients send it"));
        });
    }

    @Test
    void nullableWhereNullMeansSomething() {
        JsonNode fields = schema("CustomerFields").path("properties");
        assertTrue(schema("CustomerFields").path("required").isMissingNode(), "every field is optional");
        for (String clears : List.of("external_id", "email", "locale", "billing_model", "preferred_currency",
                "payment_terms_days", "peppol_id", "einvoice_email", "preferred_provider", "disabled_providers",
                "default_credit_limit", "default_auto_topup_amount", "vat_number", "billing_address", "tags", "metadata")) {
            assertTrue(fields.path(clears).path("nullable").asBoolean(), "CustomerFields." + clears);
        }
        for (String refuses : List.of("name", "status", "customer_type", "mode", "prefer_einvoice",
                "default_auto_topup_enabled", "vat_validation_disabled")) {
            assertFalse(fields.path(refuses).path("nullable").asBoolean(), "CustomerFields." + refuses);
        }
        assertTrue(texts(fields.path("customer_type").path("enum")).containsAll(List.of("company", "individual")));
        JsonNode customer = schema("Customer").path("properties");
        for (String unset : List.of("external_id", "email", "billing_model", "preferred_currency", "vat_number",
                "billing_address", "deleted_at", "merged_into_customer_id", "default_credit_limit")) {
            assertTrue(customer.path(unset).path("nullable").asBoolean(), "Customer." + unset);
        }
        assertTrue(schema("Pagination").path("properties").path("next_cursor").path("nullable").asBoolean());
        // a nullable enum lists null, else OpenAPI 3.0.3 still forbids it
        assertTrue(customer.path("billing_model").path("enum").toString().contains("null"));
    }

    @Test
    void problemsAreOpen() {
        JsonNode problem = schema("Problem");
        assertTrue(problem.path("additionalProperties").asBoolean(), "extra members are allowed");
        JsonNode code = problem.path("properties").path("code");
        assertEquals("string", code.path("type").asText());
        assertTrue(code.path("enum").isMissingNode(), "code must not be a closed enum");
        assertEquals(Arrays.stream(ErrorCode.values()).map(Enum::name).toList(), texts(code.path("x-extensible-enum")));
        assertTrue(problem.path("properties").has("current_status"));
        assertTrue(texts(problem.path("required")).containsAll(List.of("type", "title", "status", "code")));
    }

    @Test
    void patternsArePortableAndMoneyIsAStringWithOne() {
        List<String> patterns = new ArrayList<>();
        walk(doc, (key, node) -> {
            if (key.equals("pattern") && node.isTextual()) {
                patterns.add(node.asText());
            }
            if (node.isObject() && "string".equals(node.path("type").asText())) {
                assertFalse(node.has("minimum") || node.has("maximum"), "minimum on a string: " + node);
            }
        });
        assertFalse(patterns.isEmpty());
        for (String pattern : patterns) {
            assertFalse(NOT_PORTABLE.matcher(pattern).find(), "not portable: " + pattern);
            Pattern.compile(pattern);
        }
        for (String amount : List.of("default_credit_limit", "default_max_balance", "default_auto_topup_amount")) {
            assertNotNull(schema("CustomerFields").path("properties").path(amount).path("pattern").textValue(), amount);
            assertNotNull(schema("Customer").path("properties").path(amount).path("pattern").textValue(), amount);
        }
        assertNotNull(schema("Wallet").path("properties").path("cash_balance").path("pattern").textValue());
    }

    private void operations(BiConsumer<String, JsonNode> check) {
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (Set.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                check.accept(path.getKey(), method.getValue());
            }
        }));
    }

    private JsonNode schema(String name) {
        JsonNode schema = doc.path("components").path("schemas").path(name);
        assertFalse(schema.isMissingNode(), name);
        return schema;
    }

    /** A {@code $ref} within the document, followed. */
    private JsonNode resolve(JsonNode node) {
        if (!node.has("$ref")) {
            return node;
        }
        JsonNode target = doc;
        for (String part : node.path("$ref").asText().substring(2).split("/")) {
            target = target.path(part);
        }
        assertFalse(target.isMissingNode(), node.toString());
        return target;
    }

    private static void walk(JsonNode node, BiConsumer<String, JsonNode> visit) {
        node.fields().forEachRemaining(e -> {
            visit.accept(e.getKey(), e.getValue());
            walk(e.getValue(), visit);
        });
        if (node.isArray()) {
            node.forEach(n -> walk(n, visit));
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new java.util.LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.isNull() ? null : n.asText()));
        return texts;
    }
}
