package eu.billing.customers.platform.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import eu.billing.customers.platform.problem.ErrorCode;
import eu.billing.customers.platform.problem.Problems;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The one place for what every operation of the API shares, so that resources annotate only what
 * is specific to them (docs/openapi.md has the rules):
 * <ul>
 * <li>security: {@value #ADMIN_TOKEN} on /v1/admin, {@value #API_KEY} on every other /v1 route;</li>
 * <li>the request headers {@code X-Actor} and {@code X-Request-Id}, and one description of the
 * parameters that mean the same everywhere: the path {@code id} (a UUID), {@code If-Match}, the
 * page {@code limit} and {@code cursor};</li>
 * <li>the problem answers any operation can give (400, 401, 404 on routes with an id, 406, 413,
 * 415, 429 where rate-limited, 500, 503), as shared {@code components/responses};</li>
 * <li>problem+json content on every error answer an operation declares, {@code X-Request-Id} on
 * every answer, {@code ETag} on every answer of a single customer, {@code Retry-After} on 429 and
 * 503;</li>
 * <li>the success answers first, so that a generated client prefers {@code application/json};</li>
 * <li>the known problem codes, from {@link ErrorCode}, as an open list ({@code x-extensible-enum});</li>
 * <li>nullable properties as OpenAPI 3.0.3 defines them: {@code nullable} only lets {@code null}
 * through where nothing else forbids it, so a nullable reference to another schema is written
 * inline (a {@code $ref} cannot be made nullable) and a nullable enum lists {@code null}.</li>
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiConventions implements OASFilter {

    public static final String API_KEY = "api_key";
    public static final String ADMIN_TOKEN = "admin_token";

    private static final String API = "/v1/";
    private static final String ADMIN = "/v1/admin/";
    private static final String PROBLEM = "Problem";
    private static final String REQUEST_ID = "XRequestId";
    private static final String ACTOR = "XActor";
    private static final String RETRY_AFTER = "RetryAfter";
    private static final String ETAG = "ETag";
    /** Answers of a single customer: CustomerResponses always sends its version as ETag. */
    private static final String VERSIONED_SCHEMA = "#/components/schemas/CustomerEnvelope";

    /** A problem answer every operation (of a kind) can give. */
    private record Shared(String status, String name, String description) {
    }

    private static final List<Shared> SHARED = List.of(
            new Shared("400", "BadRequest", "The request cannot be read or a value is invalid: MALFORMED_JSON, "
                    + "BODY_REQUIRED, BAD_REQUEST, VALIDATION_FAILED (errors names every bad field), INVALID_ID, "
                    + "INVALID_CURSOR, INVALID_HEADER"),
            new Shared("401", "Unauthenticated", "UNAUTHENTICATED: missing, unknown or revoked credentials"),
            new Shared("404", "NotFound", "NOT_FOUND, CUSTOMER_NOT_FOUND, ORGANIZATION_NOT_FOUND, WALLET_NOT_FOUND, "
                    + "CUSTOM_FIELD_NOT_FOUND: "
                    + "no such record in the caller's organization (another organization's record answers the same)"),
            new Shared("406", "NotAcceptable", "NOT_ACCEPTABLE: Accept allows neither application/json nor "
                    + "application/problem+json"),
            new Shared("413", "PayloadTooLarge", "PAYLOAD_TOO_LARGE: the request body is over 1 MiB"),
            new Shared("415", "UnsupportedMediaType", "UNSUPPORTED_MEDIA_TYPE: send the body as application/json"),
            new Shared("429", "RateLimited", "RATE_LIMITED: the organization's request rate is used up; retry "
                    + "after Retry-After seconds"),
            new Shared("500", "InternalError", "INTERNAL_ERROR: a bug; quote request_id when reporting it"),
            new Shared("503", "ServiceUnavailable", "SERVICE_UNAVAILABLE: the database cannot be reached, or a "
                    + "dependency is in maintenance (VIES_MAINTENANCE_WINDOW); retry after Retry-After seconds"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        sharedComponents(components);
        if (components.getSchemas() != null) {
            nullableProperties(components);
            openProblemCodes(components.getSchemas().get(PROBLEM));
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith(API)) {
                continue;
            }
            for (Operation operation : path.getValue().getOperations().values()) {
                conventions(path.getKey(), operation);
            }
        }
    }

    private static void conventions(String path, Operation operation) {
        boolean admin = path.startsWith(ADMIN);
        operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(admin ? ADMIN_TOKEN : API_KEY)));
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(OpenApiConventions::describe);
        }
        addParameter(operation, "X-Actor", ACTOR);
        addParameter(operation, "X-Request-Id", REQUEST_ID);
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        for (Shared shared : SHARED) {
            boolean applies = !(shared.status().equals("404") && !path.contains("{"))
                    && !(shared.status().equals("429") && admin);
            if (applies && operation.getResponses().getAPIResponse(shared.status()) == null) {
                operation.getResponses().addAPIResponse(shared.status(),
                        OASFactory.createAPIResponse().ref(shared.name()));
            }
        }
        for (Map.Entry<String, APIResponse> answer : operation.getResponses().getAPIResponses().entrySet()) {
            if (answer.getValue().getRef() == null) {
                complete(answer.getKey(), answer.getValue());
            }
        }
        List<Map.Entry<String, APIResponse>> ordered = new ArrayList<>(operation.getResponses().getAPIResponses().entrySet());
        ordered.sort(Comparator.comparing((Map.Entry<String, APIResponse> e) -> !e.getKey().startsWith("2"))
                .thenComparing(Map.Entry::getKey));
        Map<String, APIResponse> sorted = new LinkedHashMap<>();
        ordered.forEach(e -> sorted.put(e.getKey(), e.getValue()));
        operation.getResponses().setAPIResponses(sorted);
    }

    /** Parameters that mean the same on every route are described once, here. */
    private static void describe(Parameter parameter) {
        if (parameter.getRef() != null || parameter.getIn() == null) {
            return;
        }
        String key = parameter.getIn() + " " + parameter.getName();
        switch (key) {
            case "path id" -> parameter.description("The record's id (a UUID; anything else answers 400 INVALID_ID)")
                    .schema(string().format("uuid"));
            case "header If-Match" -> parameter.description("Makes the change conditional: the ETag of the record as "
                    + "read (\"3\"; W/\"3\" and * are accepted). A stale one answers 412 VERSION_CONFLICT.")
                    .schema(string()).example("\"3\"");
            case "query limit" -> parameter.description("Page size, 1 to 100 (default 20)")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                            .minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(100)));
            case "query cursor" -> parameter.description("next_cursor of the previous page; only valid with the same "
                    + "filters (else 400 INVALID_CURSOR)").schema(string());
            default -> {
                // specific to its operation: described by its annotation
            }
        }
    }

    /** Error answers are problem documents; every answer names its request id. */
    private static void complete(String status, APIResponse answer) {
        boolean error = status.startsWith("4") || status.startsWith("5");
        if (error && answer.getContent() == null) {
            answer.setContent(problemContent());
        }
        addHeader(answer, "X-Request-Id", REQUEST_ID);
        if (status.equals("429") || status.equals("503")) {
            addHeader(answer, "Retry-After", RETRY_AFTER);
        }
        if (status.startsWith("2") && answer.getContent() != null) {
            boolean versioned = answer.getContent().getMediaTypes().values().stream()
                    .anyMatch(m -> m.getSchema() != null && VERSIONED_SCHEMA.equals(m.getSchema().getRef()));
            if (versioned) {
                addHeader(answer, "ETag", ETAG);
            }
        }
    }

    private static void sharedComponents(Components components) {
        components.addHeader(REQUEST_ID, OASFactory.createHeader().required(true)
                .description("The request's id: the client's X-Request-Id when it sent a well-formed one "
                        + "(1 to 128 of A-Z a-z 0-9 . _ : -), else a new UUID. Also request_id in problem documents.")
                .schema(string()));
        components.addHeader(RETRY_AFTER, OASFactory.createHeader()
                .description("Whole seconds after which a retry may succeed")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ZERO)));
        components.addHeader(ETAG, OASFactory.createHeader().required(true)
                .description("The customer's version as a strong entity tag, such as \"3\"; send it back in "
                        + "If-Match to make a change conditional")
                .schema(string().pattern("^\"[0-9]+\"$")));
        components.addParameter(ACTOR, OASFactory.createParameter().name("X-Actor").in(Parameter.In.HEADER)
                .description("Who is acting, for the audit trail (an e-mail, an operator id): at most 200 printable "
                        + "characters; recorded on every event and override beside the API key")
                .schema(string().maxLength(200)));
        components.addParameter(REQUEST_ID, OASFactory.createParameter().name("X-Request-Id").in(Parameter.In.HEADER)
                .description("The client's id for this request, echoed in the X-Request-Id answer header and the "
                        + "logs; any other value is replaced by a new UUID")
                .schema(string().pattern("^[A-Za-z0-9._:\\-]{1,128}$")));
        for (Shared shared : SHARED) {
            APIResponse answer = OASFactory.createAPIResponse().description(shared.description()).content(problemContent());
            complete(shared.status(), answer);
            components.addResponse(shared.name(), answer);
        }
    }

    /** The problem codes {@link ErrorCode} knows today, listed without closing the list. */
    private static void openProblemCodes(Schema problem) {
        if (problem != null && problem.getProperties() != null && problem.getProperties().get("code") != null) {
            problem.getProperties().get("code").addExtension("x-extensible-enum",
                    Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        }
    }

    /**
     * Nullable properties of every component schema in the form OpenAPI 3.0.3 needs. A schema then
     * only written inline is dropped, so that a generated client has one class for it (an object is
     * named by the inline copies' title), not two.
     */
    private static void nullableProperties(Components components) {
        Set<String> inlined = new HashSet<>();
        for (Schema schema : components.getSchemas().values()) {
            nullableProperties(schema, components.getSchemas(), inlined);
        }
        inlined.removeIf(name -> components.getSchemas().values().stream().anyMatch(s -> refersTo(s, name)));
        inlined.forEach(components::removeSchema);
    }

    /**
     * See the class comment: the nullable properties of {@code schema}, written so that null is
     * valid. An inline copy of an object schema takes the schema's name as title and keeps the
     * schema's description, so that all copies are equal and generators make one class of them.
     */
    private static void nullableProperties(Schema schema, Map<String, Schema> schemas, Set<String> inlined) {
        if (schema.getProperties() == null) {
            return;
        }
        for (Map.Entry<String, Schema> property : new ArrayList<>(schema.getProperties().entrySet())) {
            Schema value = property.getValue();
            String ref = nullableReference(value);
            String name = ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
            Schema target = name == null ? null : schemas.get(name);
            if (target != null) {
                Schema inline = OASFactory.createSchema();
                inline.setAll(new LinkedHashMap<>(target.getAll()));
                inline.setType(new ArrayList<>(target.getType() == null ? List.of() : target.getType()));
                inline.addType(Schema.SchemaType.NULL);
                inlined.add(name);
                if (target.getType() != null && target.getType().contains(Schema.SchemaType.OBJECT)) {
                    inline.setTitle(name);
                } else if (value.getDescription() != null) {
                    inline.setDescription(value.getDescription());
                }
                if (target.getEnumeration() != null) {
                    inline.setEnumeration(new ArrayList<>(target.getEnumeration()));
                }
                value = inline;
                schema.addProperty(property.getKey(), inline);
            }
            boolean nullable = value.getType() != null && value.getType().contains(Schema.SchemaType.NULL);
            if (nullable && value.getEnumeration() != null && !value.getEnumeration().contains(null)) {
                List<Object> values = new ArrayList<>(value.getEnumeration());
                values.add(null);
                value.setEnumeration(values);
            }
        }
    }

    /** Whether {@code schema} refers to the component schema {@code name} anywhere inside. */
    private static boolean refersTo(Schema schema, String name) {
        if (schema == null) {
            return false;
        }
        if (schema.getRef() != null && schema.getRef().endsWith("/" + name)) {
            return true;
        }
        List<Schema> nested = new ArrayList<>();
        nested.add(schema.getItems());
        nested.add(schema.getAdditionalPropertiesSchema());
        nested.add(schema.getNot());
        if (schema.getProperties() != null) {
            nested.addAll(schema.getProperties().values());
        }
        for (List<Schema> list : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (list != null) {
                nested.addAll(list);
            }
        }
        return nested.stream().anyMatch(s -> refersTo(s, name));
    }

    /** The reference of a nullable reference ({@code anyOf: [{$ref}, {type: null}]} in the model), else null. */
    private static String nullableReference(Schema schema) {
        List<Schema> anyOf = schema.getAnyOf();
        if (anyOf == null || anyOf.size() != 2) {
            return null;
        }
        Schema ref = anyOf.stream().filter(s -> s.getRef() != null).findFirst().orElse(null);
        boolean orNull = anyOf.stream().anyMatch(s -> List.of(Schema.SchemaType.NULL).equals(s.getType()));
        return ref != null && orNull ? ref.getRef() : null;
    }

    private static Content problemContent() {
        MediaType problem = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM));
        return OASFactory.createContent().addMediaType(Problems.MEDIA_TYPE, problem);
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }

    private static void addHeader(APIResponse answer, String name, String ref) {
        if (answer.getHeaders() == null || !answer.getHeaders().containsKey(name)) {
            Header header = OASFactory.createHeader().ref(ref);
            answer.addHeader(name, header);
        }
    }

    private static void addParameter(Operation operation, String name, String ref) {
        boolean present = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> name.equalsIgnoreCase(p.getName()) || ("#/components/parameters/" + ref).equals(p.getRef()));
        if (!present) {
            operation.addParameter(OASFactory.createParameter().ref(ref));
        }
    }
}
