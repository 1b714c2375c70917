package eu.billing.customers.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.specification.RequestSpecification;

/**
 * The OpenAPI document the service serves at {@code /q/openapi}: the list of operations the
 * reliability suite drives, so that a new route joins the bad-input fuzzer by itself and the
 * tenant sweep notices one it does not cover.
 */
final class ApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private final JsonNode root;

    private ApiDocument(JsonNode root) {
        this.root = root;
    }

    /** Fetches {@code /q/openapi?format=json} with the given request (base URI set). */
    static ApiDocument fetch(RequestSpecification request) throws Exception {
        String body = request.queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        return new ApiDocument(JSON.readTree(body));
    }

    /** Every documented operation, sorted by path then method. */
    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (METHODS.contains(method.getKey())) {
                    operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey()));
                }
            }
        }
        operations.sort(null);
        return operations;
    }

    /** The JSON schema of the operation's request body (references resolved), or null without one. */
    JsonNode requestSchema(Operation operation) {
        JsonNode schema = node(operation).path("requestBody").path("content").path("application/json").path("schema");
        return schema.isMissingNode() ? null : resolve(schema);
    }

    /** The names of the operation's query parameters. */
    List<String> queryParameters(Operation operation) {
        List<String> names = new ArrayList<>();
        for (JsonNode parameter : node(operation).path("parameters")) {
            if ("query".equals(parameter.path("in").asText())) {
                names.add(parameter.path("name").asText());
            }
        }
        return names;
    }

    /** A schema with its {@code $ref} followed (the referring schema's own keywords are dropped). */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText(); // #/components/schemas/Name
            current = root.at(ref.substring(1));
        }
        return current;
    }

    private JsonNode node(Operation operation) {
        return root.path("paths").path(operation.path()).path(operation.method().toLowerCase(Locale.ROOT));
    }
}
