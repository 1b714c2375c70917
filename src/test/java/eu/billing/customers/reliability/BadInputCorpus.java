package eu.billing.customers.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.RawValue;

import eu.billing.customers.support.PackagedApp;

/**
 * Generates the bad-input requests: valid requests of every documented operation, then mutated
 * (bodies, malformed JSON, methods, headers, paths, query parameters, oversized bodies) or, for
 * about 1%, syntactically broken HTTP. Deterministic for a seed: the same seed, the same document
 * and the same ids give the same requests.
 */
final class BadInputCorpus {

    /** One generated request; {@code raw} is set for broken HTTP, sent as it is. */
    record Case(String what, String method, String target, Map<String, String> headers, byte[] body, byte[] raw,
            boolean mayBeCutOff) {

        boolean protocolLevel() {
            return raw != null;
        }

        boolean head() {
            return "HEAD".equalsIgnoreCase(method);
        }

        String describe() {
            if (protocolLevel()) {
                return what + ": " + Reliability.abbreviate(new String(raw, StandardCharsets.ISO_8859_1), 120);
            }
            return what + ": " + method + " " + Reliability.abbreviate(target, 120) + " headers="
                    + Reliability.abbreviate(headers.toString(), 160) + " body="
                    + Reliability.abbreviate(body == null ? "" : new String(body, StandardCharsets.UTF_8), 160);
        }
    }

    /**
     * Request bodies as the service's clients would write them (Jackson). Jackson writes every
     * surrogate as an escape (a lone one too: an escape is the only way JSON text can carry it),
     * and nesting may go far deeper than its default limit of 1,000.
     */
    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(10_000).build()).build()).build();

    static final String[] METHODS = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "FOO",
            "get" };

    static final Object[] EVIL = { null, true, false, 0, -1, 1.5, 1e308, "1e309", "-0", "NaN",
            "123456789012345678901234567890", "99999999999999999999.9999", "0.00001", "-0.01", "12.50", "",
            " ", "\t", "a", "x".repeat(201), "y".repeat(5000), "z".repeat(70_000), "\u0000", "nul\u0000byte",
            "\ud800", "\udfff\ud800", "😀😀😀", "\u202Eevil", "\u200B", "e\u0301\u0301\u0301", "Ω≈ç√∫",
            "' OR '1'='1", "'); DROP TABLE customers; --", "1; SELECT pg_sleep(10)", "${jndi:ldap://127.0.0.1/a}",
            "<script>alert(1)</script>", "../../../etc/passwd", "%00%0d%0a", "\r\nX-Injected: 1", "{{7*7}}",
            "__proto__", "constructor", "company", "individual", "BUSINESS", "business", "PREPAID", "HYBRID",
            "ARCHIVED", "MERGED", "EUR", "eur", "XXX", "DE", "de", "ZZ", "0088:5790000435975", "0088:",
            "not-an-email", "a@b.c", "en", "en-US", "x-klingon-", "stripe", "unknown-provider", "P30D", "P-1D",
            "P99999999D", "2000-01-01T00:00:00Z",
            List.of(), List.of("a"), List.of(1, 2), List.of("UPPER"), Collections.nCopies(60, "t"),
            Map.of(), Map.of("k", "v"), Map.of("k", 1), Map.of("", "v"), Map.of("k".repeat(41), "v"),
            Map.of("nested", Map.of("deep", "x")) };

    static final String[] RAW_BODIES = { "", "{", "}", "{\"name\":", "{\"name\":\"x\",}", "[]", "null", "true",
            "\"string\"", "123", "{\"name\":\"x\"}{\"name\":\"y\"}", "{'name':'single quotes'}",
            "{\"name\":\"x\" \"email\":\"y\"}", "{\"name\":NaN}", "{\"name\":Infinity}", "{\"name\":0x10}",
            "{\"name\":\"x\",\"name\":\"y\"}", "{\"name\":\"\\ud800\"}", "{\"name\":\"\\u0000\"}",
            "{\"tags\":[\"a\",]}", "{\"metadata\":{\"a\":1}}", "\ufeff{\"name\":\"bom\"}", "{\"name\":\"x\"} trailing",
            "// comment\n{\"name\":\"x\"}", "{\"name\":\"x\"/*c*/}", "<xml/>", "name=x&email=y" };

    /** Wrong values for the query parameters the API knows; any other parameter gets {@link #ANY_PARAMETER}. */
    static final String[] KNOWN_PARAMETERS = { "limit=-1", "limit=0", "limit=101", "limit=1e3", "limit=abc",
            "limit=99999999999999999999", "limit=", "limit=1&limit=2", "cursor=garbage", "cursor=" + "A".repeat(300),
            "cursor=%00", "cursor=" + b64("c1|99999999999999999999999|" + UUID.nameUUIDFromBytes(new byte[0]) + "|0"),
            "cursor=" + b64("c1|-1|not-a-uuid|0"), "cursor=" + b64("c2|1|2|3"), "status=unknown", "status=archived",
            "status=MERGED", "status=", "tags=UPPER", "tags=a,,b", "tags=" + "t,".repeat(60), "tags=%27%20OR%201%3D1",
            "tags=" + "x".repeat(65), "type=customer.created", "type=%00", "customer_id=not-a-uuid",
            "customer_id=00000000-0000-0000-0000-000000000000", "unknown=1", "limit=5&status=ACTIVE&tags=fuzz" };

    /**
     * Percent-encoded where HTTP requires it (a raw brace is broken HTTP, see {@link #malformedHttp()});
     * short enough that three of them stay under the HTTP server's 4,096-byte request line (a longer
     * line is refused before the application, like the 10,000-byte path of {@link #malformedHttp()}).
     */
    static final String[] ANY_PARAMETER = { "", "%00", "-1", "null", "x".repeat(1200), "%27%20OR%201%3D1", "%E2%80%AE",
            "a&a=b", "%5B%5D", "%7B%7D", "%FF%FE" };

    private final Random random;
    private final ApiDocument document;
    private final List<Operation> operations;
    private final List<Operation> queryable;
    private final String key;
    private final String otherKey;
    private final List<String> ids;

    BadInputCorpus(long seed, ApiDocument document, String key, String otherKey, List<String> ids) {
        this.random = new Random(seed);
        this.document = document;
        this.operations = document.operations();
        this.queryable = operations.stream()
                .filter(o -> o.method().equals("GET") && !document.queryParameters(o).isEmpty()).toList();
        this.key = key;
        this.otherKey = otherKey;
        this.ids = ids;
    }

    List<Case> generate(int count) {
        List<Case> cases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cases.add(next());
        }
        return cases;
    }

    Case next() {
        int kind = random.nextInt(100);
        Operation operation = operations.get(random.nextInt(operations.size()));
        String method = operation.method();
        String path = fillPath(operation, random.nextInt(10) < 8);
        String query = "";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + (path.startsWith("/v1/admin") ? PackagedApp.ADMIN_TOKEN : key));
        headers.put("Accept", "application/json");
        byte[] body = null;
        Object valid = valid(operation);
        if (valid != null) {
            body = json(valid);
            headers.put("Content-Type", "application/json");
        }
        boolean mayBeCutOff = false;
        String what;
        if (kind < 35 && valid != null) {
            body = json(valid instanceof Map<?, ?> ? mutateBody(copy(valid)) : EVIL[random.nextInt(EVIL.length)]);
            what = "mutated body";
        } else if (kind < 45 && valid != null) {
            body = rawBody();
            what = "malformed JSON";
        } else if (kind < 55) {
            method = METHODS[random.nextInt(METHODS.length)];
            what = "method " + method;
            if (random.nextBoolean() && body == null) {
                body = json(SampleBodies.customer(random, true));
                headers.put("Content-Type", "application/json");
            }
        } else if (kind < 70) {
            what = mutateHeaders(headers);
        } else if (kind < 80) {
            path = mutatePath(fillPath(operation, false));
            what = "path";
        } else if (kind < 92 && !queryable.isEmpty()) {
            Operation listing = queryable.get(random.nextInt(queryable.size()));
            method = "GET";
            path = fillPath(listing, true);
            query = mutateQuery(listing);
            body = null;
            headers.remove("Content-Type");
            headers.put("Authorization", "Bearer " + key);
            what = "query";
        } else if (kind < 99) {
            what = "oversized";
            mayBeCutOff = true;
            if (random.nextBoolean()) {
                headers.put("Content-Length", String.valueOf(2 * 1024 * 1024));
                body = "{\"name\":\"".getBytes(StandardCharsets.UTF_8);
                what += " (declared 2 MiB)";
            } else {
                Map<String, Object> big = new LinkedHashMap<>();
                big.put("name", "big");
                big.put("metadata", Map.of("k", "v".repeat(1_100_000)));
                body = json(big);
                headers.put("Content-Type", "application/json");
                what += " (1.1 MB body)";
            }
            method = "POST";
            path = "/v1/customers";
        } else {
            return new Case("malformed HTTP", null, null, null, null, malformedHttp(), false);
        }
        return new Case(what, method, path + query, headers, body, null, mayBeCutOff);
    }

    private Object valid(Operation operation) {
        return SampleBodies.valid(document, operation, random, () -> ids.get(random.nextInt(ids.size())));
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a generated body", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Object map) {
        return new LinkedHashMap<>((Map<String, Object>) map);
    }

    private String fillPath(Operation operation, boolean realIds) {
        String id = realIds ? ids.get(random.nextInt(ids.size())) : randomUuid();
        return operation.fill(name -> id);
    }

    /** An id of nothing, from the seeded generator (UUID.randomUUID would make runs differ). */
    private String randomUuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private Map<String, Object> mutateBody(Map<String, Object> body) {
        int op = random.nextInt(10);
        List<String> fields = new ArrayList<>(body.keySet());
        if (op < 6 && !fields.isEmpty()) {
            // one to three fields get evil values, possibly inside a nested object
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                String field = fields.get(random.nextInt(fields.size()));
                Object value = EVIL[random.nextInt(EVIL.length)];
                if (body.get(field) instanceof Map<?, ?> nested && random.nextBoolean()) {
                    Map<Object, Object> inner = new LinkedHashMap<>(nested);
                    inner.put(List.of("line1", "line2", "city", "postal_code", "region", "country", "unknown")
                            .get(random.nextInt(7)), value);
                    body.put(field, inner);
                } else {
                    body.put(field, value);
                }
            }
        } else if (op == 6 || (op < 6 && fields.isEmpty())) {
            body.put(List.of("id", "organization_id", "version", "created_at", "status", "vat_validation_status",
                    "unknown_field", "Name", "merged_into_customer_id").get(random.nextInt(9)),
                    EVIL[random.nextInt(EVIL.length)]);
        } else if (op == 7) {
            if (!fields.isEmpty()) {
                body.remove(fields.get(random.nextInt(fields.size())));
            }
        } else if (op == 8) {
            body.put(fields.isEmpty() ? "name" : fields.get(0), deepNesting(500 + random.nextInt(2000)));
        } else {
            Map<String, Object> many = new LinkedHashMap<>();
            for (int i = 0; i < 60; i++) {
                many.put("k" + i, "v".repeat(random.nextInt(600)));
            }
            body.put("metadata", many);
        }
        return body;
    }

    /**
     * {@code [{"a":[[...]]}]}, {@code depth} levels of arrays and objects at random around
     * {@code "x"}, written by Jackson's streaming generator (its tree serializer would recurse
     * once per level and overflow the stack).
     */
    private RawValue deepNesting(int depth) {
        boolean[] array = new boolean[depth];
        for (int i = 0; i < depth; i++) {
            array[i] = random.nextBoolean();
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            for (boolean a : array) {
                if (a) {
                    g.writeStartArray();
                } else {
                    g.writeStartObject();
                    g.writeFieldName("a");
                }
            }
            g.writeString("x");
            for (int i = depth - 1; i >= 0; i--) {
                if (array[i]) {
                    g.writeEndArray();
                } else {
                    g.writeEndObject();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RawValue(out.toString());
    }

    private byte[] rawBody() {
        int op = random.nextInt(4);
        if (op == 0) {
            return RAW_BODIES[random.nextInt(RAW_BODIES.length)].getBytes(StandardCharsets.UTF_8);
        }
        if (op == 1) {
            // invalid UTF-8 inside a string
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes("{\"name\":\"".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(new byte[] { (byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0,
                    (byte) 0x80 });
            out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }
        byte[] valid = json(SampleBodies.customer(random, true));
        if (op == 2) {
            // truncated
            byte[] cut = new byte[random.nextInt(valid.length)];
            System.arraycopy(valid, 0, cut, 0, cut.length);
            return cut;
        }
        // random bytes flipped
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            valid[random.nextInt(valid.length)] = (byte) random.nextInt(256);
        }
        return valid;
    }

    private String mutateHeaders(Map<String, String> headers) {
        int op = random.nextInt(9);
        switch (op) {
            case 0 -> headers.remove("Authorization");
            case 1 -> headers.put("Authorization", List.of("Basic dXNlcjpwYXNz", "Bearer", "Bearer  ", "bearer " + key,
                    "Bearer ck_00000000000000000000000000000000_" + "a".repeat(43),
                    "Bearer " + key.substring(0, key.length() - 3) + "xyz", "Bearer " + key + "extra",
                    "Bearer ' OR 1=1 --", "Bearer " + "k".repeat(6000), "Token " + key,
                    // the other organization's prefix with this one's secret
                    "Bearer " + otherKey.replaceFirst("_[^_]+$", "_" + key.replaceFirst("^.*_", "")))
                    .get(random.nextInt(11)));
            case 2 -> headers.put("Content-Type", List.of("text/plain", "application/xml",
                    "application/json; charset=latin1", "application/json;;;", "multipart/form-data; boundary=x",
                    "application/x-www-form-urlencoded", "*/*", "application/jsonx", "", "application/merge-patch+json")
                    .get(random.nextInt(10)));
            case 3 -> headers.put("Accept", List.of("application/xml", "text/html", "image/png", "*/*",
                    "application/problem+json", "application/json;q=0").get(random.nextInt(6)));
            case 4 -> headers.put("If-Match", List.of("garbage", "W/\"1\"", "\"-1\"", "\"99999999999999999999\"", "*",
                    "\"1\", \"2\"", "\"\"", "\"2147483648\"").get(random.nextInt(8)));
            case 5 -> headers.put("X-Actor", List.of("a".repeat(201), "ops@example.com", "Zoë Ünïcødé", "😀",
                    "' OR 1=1 --", "").get(random.nextInt(6)));
            case 6 -> headers.put("X-Request-Id", List.of("../../x", "a".repeat(500), "ok-id-1", "é").get(random.nextInt(4)));
            case 7 -> headers.put("Content-Encoding", List.of("gzip", "br", "identity").get(random.nextInt(3)));
            default -> headers.put("X-Garbage-" + random.nextInt(100), "v".repeat(random.nextInt(3000)));
        }
        return "header " + op;
    }

    private String mutatePath(String path) {
        String[] bad = { "not-a-uuid", "00000000-0000-0000-0000-000000000000", "%00", "..%2F..%2Fadmin", "ü",
                "' OR '1'='1", "1", "z".repeat(3000), "%E2%80%AE", "00000000-0000-0000-0000-00000000000g",
                randomUuid().toUpperCase(Locale.ROOT), "%20", "null", "-1" };
        String b = bad[random.nextInt(bad.length)].replace(" ", "%20").replace("'", "%27");
        if (path.matches(".*/[0-9a-f-]{36}.*")) {
            return path.replaceFirst("[0-9a-f-]{36}", b);
        }
        return path + "/" + b;
    }

    /** One to three wrong parameters: known bad values, or any bad value for a documented parameter. */
    private String mutateQuery(Operation listing) {
        List<String> documented = document.queryParameters(listing);
        StringBuilder q = new StringBuilder("?");
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            q.append(i == 0 ? "" : "&");
            if (random.nextInt(4) < 3) {
                q.append(KNOWN_PARAMETERS[random.nextInt(KNOWN_PARAMETERS.length)]);
            } else {
                q.append(documented.get(random.nextInt(documented.size()))).append('=')
                        .append(ANY_PARAMETER[random.nextInt(ANY_PARAMETER.length)]);
            }
        }
        return q.toString();
    }

    private byte[] malformedHttp() {
        String[] raw = { "GARBAGE\r\n\r\n", "GET /v1/customers HTTP/9.9\r\nHost: x\r\n\r\n",
                "GET /v1/customers\r\n\r\n",
                "GET /v1/customers HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\nConnection: close\r\n\r\n",
                "GET /v1/customers HTTP/1.1\r\nHost: x\r\nBad Header Name: v\r\nConnection: close\r\n\r\n",
                "POST /v1/customers HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n",
                "POST /v1/customers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n",
                "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /v1/customers HTTP/1.1\r\nHost: x\r\nX-Big: " + "h".repeat(20_000) + "\r\nConnection: close\r\n\r\n",
                "GET /v1/events?cursor={}&tags=[a] HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /v1/customers?limit=" + "9".repeat(5000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" };
        return raw[random.nextInt(raw.length)].getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
