import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reliability suite of customers-service, run by {@code reliability/run.sh} (which starts the
 * database and puts the PostgreSQL JDBC driver on the class path). Java source-file mode: only the
 * JDK and the driver, no build step.
 *
 * <p>Checks: bad input (generated malformed and mutated requests), tenant isolation (every route
 * of the OpenAPI document with another organization's key and ids), crash (SIGKILL under create
 * load), database restart under load, and the per-organization rate limit. One summary line per
 * check; the exit status is 1 when any check fails.
 *
 * <p>Configuration (environment): RELIABILITY_MODE (quick|full), APP_JAR, JDBC_URL, DB_USER,
 * DB_PASSWORD, PG_STOP_COMMAND and PG_START_COMMAND (shell commands; without them the database
 * restart check is skipped), RELIABILITY_CHECKS (comma-separated subset), RELIABILITY_SEED,
 * APP_JAVA_OPTS, WORK_DIR.
 */
public class Reliability {

    static final String ADMIN_TOKEN = "reliability-admin-" + UUID.randomUUID();
    static final boolean QUICK = !"full".equalsIgnoreCase(env("RELIABILITY_MODE", "quick"));
    static final long SEED = Long.parseLong(env("RELIABILITY_SEED", String.valueOf(System.nanoTime() % 100000)));
    static final Path WORK = Path.of(env("WORK_DIR", System.getProperty("java.io.tmpdir")));
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    static final List<String> SUMMARY = new ArrayList<>();
    static boolean failed;

    public static void main(String[] args) throws Exception {
        Set<String> checks = new HashSet<>(List.of(env("RELIABILITY_CHECKS",
                "bad-input,tenant-isolation,crash,db-restart,rate-limit").split(",")));
        log("mode " + (QUICK ? "quick" : "full") + ", seed " + SEED + " (RELIABILITY_SEED=" + SEED + " repeats the run)");
        App app = App.start("app", Map.of("CUSTOMERS_RATE_LIMIT_ENABLED", "false"));
        try {
            if (checks.contains("bad-input")) {
                run("bad-input", () -> badInput(app));
            }
            if (checks.contains("tenant-isolation")) {
                run("tenant-isolation", () -> tenantIsolation(app));
            }
            if (checks.contains("db-restart")) {
                run("db-restart", () -> databaseRestart(app));
            }
            if (checks.contains("crash")) {
                run("crash", () -> crash(app));
            }
        } finally {
            app.stop();
        }
        if (checks.contains("rate-limit")) {
            run("rate-limit", Reliability::rateLimit);
        }
        System.out.println();
        System.out.println("reliability summary (" + (QUICK ? "quick" : "full") + ", seed " + SEED + "):");
        SUMMARY.forEach(line -> System.out.println("  " + line));
        System.out.println(failed ? "RELIABILITY: FAILED" : "RELIABILITY: PASSED");
        System.exit(failed ? 1 : 0);
    }

    interface Check {
        String run() throws Exception;
    }

    /** Runs a check; its result line starts with PASS or FAIL (or SKIP). */
    static void run(String name, Check check) {
        log("--- " + name);
        String line;
        try {
            line = check.run();
        } catch (Throwable e) {
            e.printStackTrace();
            line = "FAIL  " + name + ": aborted: " + e;
        }
        if (line.startsWith("FAIL")) {
            failed = true;
        }
        log(line);
        SUMMARY.add(line);
    }

    static String verdict(boolean ok, String name, String detail) {
        return (ok ? "PASS  " : "FAIL  ") + String.format("%-17s", name) + detail;
    }

    // =============================================================================================
    // Bad input
    // =============================================================================================

    static String badInput(App app) throws Exception {
        int total = QUICK ? 10_000 : 50_000;
        String key = newOrganization(app, "Fuzz target");
        String otherKey = newOrganization(app, "Fuzz other");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(createCustomer(app, key, "fuzz-seed-" + i + "-" + UUID.randomUUID()).id);
        }
        List<String[]> routes = routes(app);
        Fuzzer fuzzer = new Fuzzer(new Random(SEED), app, key, otherKey, ids, routes);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger notProblem = new AtomicInteger();
        AtomicInteger protocolRejects = new AtomicInteger();
        AtomicInteger noAnswer = new AtomicInteger();
        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
        List<Fuzzer.Case> cases = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            cases.add(fuzzer.next());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        AtomicInteger cursor = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(QUICK ? 4 : 15);
        for (int t = 0; t < 4; t++) {
            futures.add(pool.submit(() -> {
                for (int i = cursor.getAndIncrement(); i < cases.size() && System.nanoTime() < deadline;
                        i = cursor.getAndIncrement()) {
                    Fuzzer.Case c = cases.get(i);
                    RawResponse r;
                    try {
                        r = RawHttp.send(app.port, c.request, c.protocolLevel ? 2_000 : 15_000);
                    } catch (IOException e) {
                        if (c.protocolLevel) {
                            protocolRejects.incrementAndGet();
                        } else if (!c.mayBeCutOff) {
                            noAnswer.incrementAndGet();
                            remember(examples, "no answer (" + e.getMessage() + ") to " + c.describe());
                        }
                        sent.incrementAndGet();
                        continue;
                    }
                    sent.incrementAndGet();
                    byStatus.computeIfAbsent(r.status, s -> new AtomicInteger()).incrementAndGet();
                    if (r.status >= 500) {
                        serverErrors.incrementAndGet();
                        remember(examples, r.status + " " + abbreviate(r.body(), 300) + " to " + c.describe());
                    } else if (r.status >= 400 && !c.head) {
                        boolean problem = r.header("content-type").startsWith("application/problem+json")
                                && r.body().matches("(?s).*\"code\"\\s*:\\s*\"[A-Z][A-Z_]+\".*");
                        if (!problem) {
                            if (c.protocolLevel) {
                                protocolRejects.incrementAndGet();
                            } else {
                                notProblem.incrementAndGet();
                                remember(examples, r.status + " " + r.header("content-type") + " "
                                        + abbreviate(r.body(), 200) + " to " + c.describe());
                            }
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        examples.forEach(e -> log("  example: " + e));
        log("  statuses: " + new TreeMap<>(byStatus));
        boolean ok = sent.get() >= total && serverErrors.get() == 0 && notProblem.get() == 0 && noAnswer.get() == 0;
        return verdict(ok, "bad-input", String.format("requests=%d routes=%d 5xx=%d non-problem-errors=%d "
                + "no-answer=%d malformed-http-rejected-by-server=%d", sent.get(), routes.size(), serverErrors.get(),
                notProblem.get(), noAnswer.get(), protocolRejects.get()));
    }

    static void remember(ConcurrentLinkedQueue<String> examples, String example) {
        if (examples.size() < 15) {
            examples.add(example);
        }
    }

    /** Generates malformed and mutated requests from valid ones. Deterministic for a seed. */
    static final class Fuzzer {
        final Random random;
        final App app;
        final String key;
        final String otherKey;
        final List<String> ids;
        final List<String[]> routes;

        Fuzzer(Random random, App app, String key, String otherKey, List<String> ids, List<String[]> routes) {
            this.random = random;
            this.app = app;
            this.key = key;
            this.otherKey = otherKey;
            this.ids = ids;
            this.routes = routes;
        }

        static final class Case {
            byte[] request;
            String summary;
            boolean head;
            boolean protocolLevel;
            boolean mayBeCutOff;

            String describe() {
                return summary;
            }
        }

        static final String[] METHODS = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE",
                "FOO", "get" };

        static final Object[] EVIL = { null, true, false, 0, -1, 1.5, 1e308, "1e309", "-0", "NaN",
                "123456789012345678901234567890", "99999999999999999999.9999", "0.00001", "-0.01", "12.50", "",
                " ", "\t", "a", "x".repeat(201), "y".repeat(5000), "z".repeat(70_000), "\u0000", "nul\u0000byte",
                "\ud800", "\udfff\ud800", "😀😀😀", "\u202Eevil", "\u200B", "e\u0301\u0301\u0301", "Ω≈ç√∫",
                "' OR '1'='1", "'); DROP TABLE customers; --", "1; SELECT pg_sleep(10)", "${jndi:ldap://127.0.0.1/a}",
                "<script>alert(1)</script>", "../../../etc/passwd", "%00%0d%0a", "\r\nX-Injected: 1", "{{7*7}}",
                "__proto__", "constructor", "company", "individual", "BUSINESS", "business", "PREPAID", "HYBRID",
                "ARCHIVED", "MERGED", "EUR", "eur", "XXX", "DE", "de", "ZZ", "0088:5790000435975", "0088:",
                "not-an-email", "a@b.c", "en", "en-US", "x-klingon-", "stripe", "unknown-provider",
                List.of(), List.of("a"), List.of(1, 2), List.of("UPPER"), Collections.nCopies(60, "t"),
                Map.of(), Map.of("k", "v"), Map.of("k", 1), Map.of("", "v"), Map.of("k".repeat(41), "v"),
                Map.of("nested", Map.of("deep", "x")) };

        static final String[] RAW_BODIES = { "", "{", "}", "{\"name\":", "{\"name\":\"x\",}", "[]", "null", "true",
                "\"string\"", "123", "{\"name\":\"x\"}{\"name\":\"y\"}", "{'name':'single quotes'}",
                "{\"name\":\"x\" \"email\":\"y\"}", "{\"name\":NaN}", "{\"name\":Infinity}", "{\"name\":0x10}",
                "{\"name\":\"x\",\"name\":\"y\"}", "{\"name\":\"\\ud800\"}", "{\"name\":\"\\u0000\"}",
                "{\"tags\":[\"a\",]}", "{\"metadata\":{\"a\":1}}", "\ufeff{\"name\":\"bom\"}", "{\"name\":\"x\"} trailing",
                "// comment\n{\"name\":\"x\"}", "{\"name\":\"x\"/*c*/}", "<xml/>", "name=x&email=y" };

        Case next() {
            Case c = new Case();
            int kind = random.nextInt(100);
            String[] route = routes.get(random.nextInt(routes.size()));
            String method = route[0];
            String path = fillPath(route[1], random.nextInt(10) < 8);
            String query = "";
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", "Bearer " + (path.startsWith("/v1/admin") ? ADMIN_TOKEN : key));
            headers.put("Accept", "application/json");
            byte[] body = null;
            boolean wantsBody = method.equals("POST") || method.equals("PATCH") || method.equals("PUT");
            if (wantsBody) {
                body = json(validBody(route[1], method)).getBytes(StandardCharsets.UTF_8);
                headers.put("Content-Type", "application/json");
            }
            String what;
            if (kind < 35 && wantsBody) {
                body = json(mutateBody(validBody(route[1], method))).getBytes(StandardCharsets.UTF_8);
                what = "mutated body";
            } else if (kind < 45 && wantsBody) {
                body = rawBody();
                what = "malformed JSON";
            } else if (kind < 55) {
                method = METHODS[random.nextInt(METHODS.length)];
                what = "method " + method;
                if (random.nextBoolean() && body == null) {
                    body = json(validBody(route[1], "POST")).getBytes(StandardCharsets.UTF_8);
                    headers.put("Content-Type", "application/json");
                }
            } else if (kind < 70) {
                what = mutateHeaders(headers, body != null);
            } else if (kind < 80) {
                path = fillPath(route[1], false);
                path = mutatePath(path);
                what = "path";
            } else if (kind < 92) {
                query = mutateQuery();
                path = random.nextBoolean() ? "/v1/customers" : "/v1/events";
                method = "GET";
                body = null;
                headers.remove("Content-Type");
                headers.put("Authorization", "Bearer " + key);
                what = "query";
            } else if (kind < 99) {
                what = "oversized";
                c.mayBeCutOff = true;
                if (random.nextBoolean()) {
                    headers.put("Content-Length", String.valueOf(2 * 1024 * 1024));
                    body = "{\"name\":\"".getBytes(StandardCharsets.UTF_8);
                    what += " (declared 2 MiB)";
                } else {
                    Map<String, Object> big = new LinkedHashMap<>();
                    big.put("name", "big");
                    big.put("metadata", Map.of("k", "v".repeat(1_100_000)));
                    body = json(big).getBytes(StandardCharsets.UTF_8);
                    headers.put("Content-Type", "application/json");
                    what += " (1.1 MB body)";
                }
                method = "POST";
                path = "/v1/customers";
            } else {
                c.protocolLevel = true;
                what = "malformed HTTP";
                c.request = malformedHttp();
                c.summary = what;
                return c;
            }
            c.head = method.equalsIgnoreCase("HEAD");
            c.request = RawHttp.build(method, path + query, headers, body);
            c.summary = what + ": " + method + " " + abbreviate(path + query, 120) + " headers=" + abbreviate(
                    headers.toString(), 160) + " body=" + abbreviate(body == null ? "" : new String(body,
                            StandardCharsets.UTF_8), 160);
            return c;
        }

        String fillPath(String template, boolean realIds) {
            String id = realIds ? ids.get(random.nextInt(ids.size())) : UUID.randomUUID().toString();
            return template.replaceAll("\\{[^}]+}", id);
        }

        Map<String, Object> validBody(String template, String method) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (template.endsWith("/billing-mode")) {
                body.put("mode", random.nextBoolean() ? "PREPAID" : "POSTPAID");
                body.put("reason", "fuzz");
            } else if (template.endsWith("/customer-type")) {
                body.put("customer_type", "BUSINESS");
                body.put("reason", "fuzz");
            } else if (template.endsWith("/payment-providers")) {
                body.put("preferred_provider", "stripe");
                body.put("disabled_providers", List.of("paypal"));
            } else if (template.endsWith("/api-keys")) {
                body.put("name", "fuzz key");
            } else if (template.startsWith("/v1/admin/organizations")) {
                body.put("name", "Fuzz org");
                body.put("default_currency", "EUR");
            } else if (template.startsWith("/v1/customers")) {
                body.put("external_id", "fuzz-" + random.nextInt(1000));
                body.put("name", "Fuzz customer");
                body.put("email", "fuzz@example.com");
                body.put("locale", "de-DE");
                body.put("customer_type", "BUSINESS");
                body.put("billing_model", "POSTPAID");
                if (method.equals("POST")) {
                    body.put("mode", "POSTPAID");
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
            }
            return body;
        }

        Object mutateBody(Map<String, Object> body) {
            int op = random.nextInt(10);
            List<String> fields = new ArrayList<>(body.keySet());
            if (op < 6 && !fields.isEmpty()) {
                // one to three fields get evil values, possibly inside the nested address
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    String field = fields.get(random.nextInt(fields.size()));
                    Object value = EVIL[random.nextInt(EVIL.length)];
                    if (body.get(field) instanceof Map<?, ?> nested && random.nextBoolean()) {
                        Map<Object, Object> address = new LinkedHashMap<>(nested);
                        address.put(List.of("line1", "line2", "city", "postal_code", "region", "country", "unknown")
                                .get(random.nextInt(7)), value);
                        body.put(field, address);
                    } else {
                        body.put(field, value);
                    }
                }
            } else if (op == 6) {
                body.put(List.of("id", "organization_id", "version", "created_at", "status", "vat_validation_status",
                        "unknown_field", "Name", "merged_into_customer_id").get(random.nextInt(9)),
                        EVIL[random.nextInt(EVIL.length)]);
            } else if (op == 7) {
                if (!fields.isEmpty()) {
                    body.remove(fields.get(random.nextInt(fields.size())));
                }
            } else if (op == 8) {
                // deep nesting
                Object deep = "x";
                for (int i = 0, n = 500 + random.nextInt(2000); i < n; i++) {
                    deep = random.nextBoolean() ? List.of(deep) : Map.of("a", deep);
                }
                body.put(fields.isEmpty() ? "name" : fields.get(0), deep);
            } else {
                Map<String, Object> many = new LinkedHashMap<>();
                for (int i = 0; i < 60; i++) {
                    many.put("k" + i, "v".repeat(random.nextInt(600)));
                }
                body.put("metadata", many);
            }
            return body;
        }

        byte[] rawBody() {
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
            byte[] valid = json(validBody("/v1/customers", "POST")).getBytes(StandardCharsets.UTF_8);
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

        String mutateHeaders(Map<String, String> headers, boolean hasBody) {
            int op = random.nextInt(9);
            switch (op) {
                case 0 -> headers.remove("Authorization");
                case 1 -> headers.put("Authorization", List.of("Basic dXNlcjpwYXNz", "Bearer", "Bearer  ", "bearer " + key,
                        "Bearer ck_00000000000000000000000000000000_" + "a".repeat(43),
                        "Bearer " + key.substring(0, key.length() - 3) + "xyz", "Bearer " + key + "extra",
                        "Bearer ' OR 1=1 --", "Bearer " + "k".repeat(6000), "Token " + key,
                        "Bearer " + otherKey.replaceFirst("_[^_]+$", "_" + key.replaceFirst("^.*_", "")))
                        .get(random.nextInt(11)));
                case 2 -> headers.put("Content-Type", List.of("text/plain", "application/xml", "application/json; charset=latin1",
                        "application/json;;;", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                        "*/*", "application/jsonx", "", "application/merge-patch+json").get(random.nextInt(10)));
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

        String mutatePath(String path) {
            String[] bad = { "not-a-uuid", "00000000-0000-0000-0000-000000000000", "%00", "..%2F..%2Fadmin", "ü",
                    "' OR '1'='1", "1", "z".repeat(3000), "%E2%80%AE", "00000000-0000-0000-0000-00000000000g",
                    UUID.randomUUID().toString().toUpperCase(Locale.ROOT), "%20", "null", "-1" };
            String b = bad[random.nextInt(bad.length)];
            if (path.matches(".*/[0-9a-f-]{36}.*")) {
                return path.replaceFirst("[0-9a-f-]{36}", b.replace(" ", "%20").replace("'", "%27"));
            }
            return path + "/" + b.replace(" ", "%20").replace("'", "%27");
        }

        String mutateQuery() {
            String[] params = { "limit=-1", "limit=0", "limit=101", "limit=1e3", "limit=abc", "limit=99999999999999999999",
                    "limit=", "limit=1&limit=2", "cursor=garbage", "cursor=" + "A".repeat(300), "cursor=%00",
                    "cursor=" + b64("c1|99999999999999999999999|" + UUID.randomUUID() + "|0"),
                    "cursor=" + b64("c1|-1|not-a-uuid|0"), "cursor=" + b64("c2|1|2|3"), "status=unknown",
                    "status=archived", "status=MERGED", "status=", "tags=UPPER", "tags=a,,b", "tags=" + "t,".repeat(60),
                    "tags=%27%20OR%201%3D1", "tags=" + "x".repeat(65), "type=customer.created", "type=%00",
                    "customer_id=not-a-uuid", "customer_id=" + UUID.randomUUID(), "unknown=1", "limit=5&status=ACTIVE&tags=fuzz" };
            StringBuilder q = new StringBuilder("?");
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                q.append(i == 0 ? "" : "&").append(params[random.nextInt(params.length)]);
            }
            return q.toString();
        }

        byte[] malformedHttp() {
            String[] raw = { "GARBAGE\r\n\r\n", "GET /v1/customers HTTP/9.9\r\nHost: x\r\n\r\n",
                    "GET /v1/customers\r\n\r\n", "GET /v1/customers HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\nConnection: close\r\n\r\n",
                    "GET /v1/customers HTTP/1.1\r\nHost: x\r\nBad Header Name: v\r\nConnection: close\r\n\r\n",
                    "POST /v1/customers HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n",
                    "POST /v1/customers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n",
                    "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    "GET /v1/customers HTTP/1.1\r\nHost: x\r\nX-Big: " + "h".repeat(20_000) + "\r\nConnection: close\r\n\r\n" };
            return raw[random.nextInt(raw.length)].getBytes(StandardCharsets.ISO_8859_1);
        }

        static String b64(String s) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    // =============================================================================================
    // Tenant isolation
    // =============================================================================================

    static String tenantIsolation(App app) throws Exception {
        String keyA = newOrganization(app, "Owner");
        String keyB = newOrganization(app, "Intruder");
        List<Created> owned = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            owned.add(createCustomer(app, keyA, "owned-" + i + "-" + UUID.randomUUID()));
        }
        // one archived customer, so that restore has something to act on
        Created archived = createCustomer(app, keyA, "owned-archived-" + UUID.randomUUID());
        check(request(app, "DELETE", "/v1/customers/" + archived.id, keyA, null, Map.of()).statusCode() == 200,
                "archive");
        owned.add(archived);
        Set<String> ownedIds = new HashSet<>();
        owned.forEach(c -> ownedIds.add(c.id));
        UUID orgA = orgOf(keyA);
        String before = snapshot(orgA);
        List<String[]> routes = routes(app);
        int requests = 0;
        int violations = 0;
        int routesSwept = 0;
        List<String> problems = new ArrayList<>();
        for (String[] route : routes) {
            String method = route[0];
            String template = route[1];
            if (template.startsWith("/v1/admin")) {
                continue; // admin routes are not organization-scoped: the admin token is the platform's
            }
            routesSwept++;
            boolean byId = template.contains("{");
            for (Created target : owned) {
                String path = template.replaceAll("\\{[^}]+}", target.id);
                List<String> queries = byId || !method.equals("GET") ? List.of("")
                        : List.of("", "?status=ARCHIVED", "?customer_id=" + target.id, "?limit=100");
                for (String query : queries) {
                    Created other = owned.get((owned.indexOf(target) + 1) % owned.size());
                    Map<String, Object> body = isWrite(method) ? intruderBody(template, target, other) : null;
                    HttpResponse<String> r = request(app, method, path + query, keyB, body,
                            Map.of("If-Match", "*"));
                    requests++;
                    String text = r.body() == null ? "" : r.body();
                    // the owner's organization id, or one of its records the request did not name itself
                    boolean leaked = text.contains(orgA.toString())
                            || ownedIds.stream().anyMatch(id -> !id.equals(target.id) && text.contains(id));
                    boolean ok;
                    if (byId) {
                        ok = r.statusCode() == 404 && !leaked;
                    } else if (method.equals("POST") && template.equals("/v1/customers")) {
                        // the owner's external id in another organization is a new customer there, not an upsert
                        ok = r.statusCode() == 201 && !leaked && !text.contains(target.id);
                    } else if (body != null && json(body).contains(target.id)) {
                        // a write whose body names the owner's records (merge) must not succeed
                        ok = r.statusCode() >= 400 && r.statusCode() < 500 && !leaked;
                    } else {
                        ok = r.statusCode() < 500 && !leaked;
                    }
                    if (!ok) {
                        violations++;
                        problems.add(method + " " + path + query + " -> " + r.statusCode() + " " + abbreviate(text, 200));
                    }
                }
            }
        }
        String after = snapshot(orgA);
        boolean unchanged = before.equals(after);
        problems.forEach(p -> log("  violation: " + p));
        if (!unchanged) {
            log("  the owner's rows changed during the sweep");
        }
        return verdict(violations == 0 && unchanged, "tenant-isolation", String.format(
                "routes=%d requests=%d violations=%d owner-rows-changed=%s", routesSwept, requests, violations,
                !unchanged));
    }

    static boolean isWrite(String method) {
        return method.equals("POST") || method.equals("PATCH") || method.equals("PUT");
    }

    /** A valid body for the route, naming the owner's records wherever a body can name one. */
    static Map<String, Object> intruderBody(String template, Created target, Created other) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (template.endsWith("/merge")) {
            // both customers the owner's: the intruder may neither read nor combine them
            body.put("source_customer_id", target.id);
            body.put("target_customer_id", other.id);
            return body;
        }
        if (template.endsWith("/manual-override")) {
            body.put("reason", "intruder");
            body.put("ttl", "P30D");
            return body;
        }
        if (template.endsWith("/billing-mode")) {
            body.put("mode", "PREPAID");
            body.put("reason", "intruder");
        } else if (template.endsWith("/customer-type")) {
            body.put("customer_type", "BUSINESS");
            body.put("reason", "intruder");
        } else if (template.endsWith("/payment-providers")) {
            body.put("disabled_providers", List.of("paypal"));
        } else if (template.startsWith("/v1/customers")) {
            body.put("external_id", target.externalId);
            body.put("name", "Intruder");
        }
        return body;
    }

    /** A fingerprint of everything the organization owns: customers, wallets and events. */
    static String snapshot(UUID org) throws Exception {
        try (Connection c = db()) {
            StringBuilder s = new StringBuilder();
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.columns "
                    + "WHERE table_schema = 'public' AND column_name = 'organization_id' ORDER BY table_name");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(md5(string_agg(t::text, '|' "
                        + "ORDER BY t::text)), '') FROM " + table + " t WHERE organization_id = ?")) {
                    ps.setObject(1, org);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        s.append(table).append('=').append(rs.getLong(1)).append(':').append(rs.getString(2)).append(' ');
                    }
                }
            }
            return s.toString();
        }
    }

    // =============================================================================================
    // Crash: SIGKILL under create load
    // =============================================================================================

    static String crash(App app) throws Exception {
        String key = newOrganization(app, "Crash");
        UUID org = orgOf(key);
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // id -> external id
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger failedRequests = new AtomicInteger();
        AtomicInteger seq = new AtomicInteger();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> load = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            load.add(pool.submit(() -> {
                for (int i = 0; i < 1_000_000 && !stop.get(); i++) {
                    String ext = "crash-" + seq.incrementAndGet();
                    requests.incrementAndGet();
                    try {
                        HttpResponse<String> r = request(app, "POST", "/v1/customers", key,
                                Map.of("external_id", ext, "name", "Crash " + ext, "tags", List.of("crash")), Map.of());
                        if (r.statusCode() == 201 || r.statusCode() == 200) {
                            acknowledged.put(field(r.body(), "id"), ext);
                        } else if (r.statusCode() >= 500) {
                            serverErrors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failedRequests.incrementAndGet(); // outcome unknown: may or may not be written
                        sleep(20);
                    }
                }
                return null;
            }));
        }
        int kills = QUICK ? 1 : 3;
        for (int k = 0; k < kills; k++) {
            sleep(QUICK ? 3000 : 6000);
            int before = acknowledged.size();
            log("  SIGKILL after " + before + " acknowledged creates");
            app.kill();
            sleep(500);
            app.restart();
            log("  restarted; ready in " + app.readyMillis + " ms");
        }
        sleep(QUICK ? 2000 : 4000);
        stop.set(true);
        for (Future<?> f : load) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        // every acknowledged create is there, complete; nothing in the organization is half-written
        int lost = 0;
        int halfWritten;
        try (Connection c = db()) {
            Set<String> complete = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT c.id::text FROM customers c
                    WHERE c.organization_id = ?
                      AND EXISTS (SELECT 1 FROM wallets w WHERE w.organization_id = c.organization_id
                                  AND w.customer_id = c.id AND w.is_primary)
                      AND EXISTS (SELECT 1 FROM events e WHERE e.organization_id = c.organization_id
                                  AND e.customer_id = c.id AND e.type = 'customer.created')""")) {
                ps.setObject(1, org);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        complete.add(rs.getString(1));
                    }
                }
            }
            for (String id : acknowledged.keySet()) {
                if (!complete.contains(id)) {
                    lost++;
                    if (lost <= 5) {
                        log("  lost: " + id + " " + acknowledged.get(id));
                    }
                }
            }
            halfWritten = (int) (scalar(c, """
                    SELECT count(*) FROM customers c WHERE c.organization_id = ?1 AND (
                      (SELECT count(*) FROM wallets w WHERE w.organization_id = c.organization_id
                          AND w.customer_id = c.id AND w.is_primary) <> 1
                      OR NOT EXISTS (SELECT 1 FROM events e WHERE e.organization_id = c.organization_id
                          AND e.customer_id = c.id AND e.type = 'customer.created'))""", org)
                    + scalar(c, """
                    SELECT count(*) FROM (SELECT external_id FROM customers WHERE organization_id = ?1
                      AND deleted_at IS NULL GROUP BY external_id HAVING count(*) > 1) d""", org));
        }
        boolean ok = lost == 0 && halfWritten == 0 && serverErrors.get() == 0 && acknowledged.size() > 0;
        return verdict(ok, "crash", String.format("kills=%d requests=%d acknowledged=%d failed-in-flight=%d 5xx=%d "
                + "lost-writes=%d half-written=%d", kills, requests.get(), acknowledged.size(), failedRequests.get(),
                serverErrors.get(), lost, halfWritten));
    }

    // =============================================================================================
    // Database restart under load
    // =============================================================================================

    static String databaseRestart(App app) throws Exception {
        String stopCommand = System.getenv("PG_STOP_COMMAND");
        String startCommand = System.getenv("PG_START_COMMAND");
        if (stopCommand == null || startCommand == null) {
            return "SKIP  db-restart       the database is not ours (QUARKUS_DATASOURCE_JDBC_URL given): not restarting it";
        }
        String key = newOrganization(app, "Restart");
        UUID org = orgOf(key);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(createCustomer(app, key, "restart-seed-" + i + "-" + UUID.randomUUID()).id);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger ok2xx = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger otherStatus = new AtomicInteger();
        AtomicInteger hangs = new AtomicInteger();
        AtomicInteger ioErrors = new AtomicInteger();
        AtomicLong slowest = new AtomicLong();
        AtomicInteger badRetryAfter = new AtomicInteger();
        AtomicLong lastSuccessAt = new AtomicLong();
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
        AtomicInteger seq = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<?>> load = new ArrayList<>();
        Random random = new Random(SEED);
        for (int t = 0; t < 4; t++) {
            final boolean writer = t % 2 == 0;
            load.add(pool.submit(() -> {
                for (int i = 0; i < 1_000_000 && !stop.get(); i++) {
                    long t0 = System.nanoTime();
                    requests.incrementAndGet();
                    try {
                        HttpResponse<String> r;
                        String ext = null;
                        if (writer) {
                            ext = "restart-" + seq.incrementAndGet();
                            r = request(app, "POST", "/v1/customers", key, Map.of("external_id", ext, "name", ext), Map.of());
                        } else {
                            r = request(app, "GET", "/v1/customers/" + ids.get(random.nextInt(ids.size())), key, null, Map.of());
                        }
                        int s = r.statusCode();
                        if (s / 100 == 2) {
                            ok2xx.incrementAndGet();
                            lastSuccessAt.set(System.nanoTime());
                            if (writer) {
                                acknowledged.put(field(r.body(), "id"), ext);
                            }
                        } else if (s == 503) {
                            unavailable.incrementAndGet();
                            if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                                    || !r.body().contains("\"SERVICE_UNAVAILABLE\"")) {
                                otherStatus.incrementAndGet();
                                remember(examples, "503 without problem document: " + abbreviate(r.body(), 200));
                            }
                            if (r.headers().firstValue("Retry-After").isEmpty()) {
                                badRetryAfter.incrementAndGet();
                            }
                        } else if (s >= 500) {
                            serverErrors.incrementAndGet();
                            remember(examples, s + " " + abbreviate(r.body(), 300));
                        } else {
                            otherStatus.incrementAndGet();
                            remember(examples, s + " " + abbreviate(r.body(), 300));
                        }
                    } catch (IOException e) {
                        ioErrors.incrementAndGet();
                        remember(examples, "I/O: " + e);
                    }
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    slowest.accumulateAndGet(millis, Math::max);
                    if (millis > 10_000) {
                        hangs.incrementAndGet();
                    }
                    sleep(5);
                }
                return null;
            }));
        }
        List<String> readiness = Collections.synchronizedList(new ArrayList<>());
        load.add(pool.submit(() -> {
            String last = "";
            for (int i = 0; i < 100_000 && !stop.get(); i++) {
                String state;
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(app.url() + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    state = r.statusCode() == 200 ? "UP" : r.statusCode() == 503 ? "DOWN" : "HTTP" + r.statusCode();
                } catch (IOException e) {
                    state = "NO-ANSWER";
                }
                if (!state.equals(last)) {
                    readiness.add(state);
                    last = state;
                }
                sleep(200);
            }
            return null;
        }));
        long pid = app.pid();
        sleep(2000);
        log("  stopping PostgreSQL");
        shell(stopCommand);
        long downAt = System.nanoTime();
        sleep(QUICK ? 5000 : 15_000);
        int during2xx = ok2xx.get();
        log("  starting PostgreSQL");
        shell(startCommand);
        long upAt = System.nanoTime();
        // recovery: the first successful request after the database is back
        long recovered = -1;
        for (int i = 0; i < 600; i++) {
            if (lastSuccessAt.get() > upAt && readiness.contains("UP") && readiness.lastIndexOf("UP") > readiness.indexOf("DOWN")) {
                recovered = TimeUnit.NANOSECONDS.toMillis(lastSuccessAt.get() - upAt);
                break;
            }
            sleep(100);
        }
        sleep(2000);
        stop.set(true);
        for (Future<?> f : load) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        examples.forEach(e -> log("  example: " + e));
        log("  readiness: " + readiness + "; slowest request " + slowest.get() + " ms; outage "
                + TimeUnit.NANOSECONDS.toMillis(upAt - downAt) + " ms; 2xx before start " + during2xx);
        int lost = 0;
        try (Connection c = db()) {
            for (String id : acknowledged.keySet()) {
                if (scalar(c, "SELECT count(*) FROM customers c JOIN wallets w ON w.organization_id = c.organization_id "
                        + "AND w.customer_id = c.id AND w.is_primary WHERE c.organization_id = ?1 AND c.id = ?2::uuid",
                        org, id) != 1) {
                    lost++;
                }
            }
        }
        int downIndex = readiness.indexOf("DOWN");
        boolean readinessOk = downIndex >= 0 && readiness.lastIndexOf("UP") > downIndex;
        boolean sameProcess = app.pid() == pid;
        boolean ok = serverErrors.get() == 0 && hangs.get() == 0 && unavailable.get() > 0 && readinessOk
                && recovered >= 0 && sameProcess && lost == 0 && otherStatus.get() == 0 && badRetryAfter.get() == 0;
        return verdict(ok, "db-restart", String.format("requests=%d 2xx=%d 503=%d 5xx-other=%d other=%d io-errors=%d "
                + "hangs(>10s)=%d readiness=%s recovered-after=%dms same-process=%s lost-writes=%d", requests.get(),
                ok2xx.get(), unavailable.get(), serverErrors.get(), otherStatus.get(), ioErrors.get(), hangs.get(),
                String.join(">", readiness), recovered, sameProcess, lost));
    }

    // =============================================================================================
    // Rate limit: one busy organization does not slow another
    // =============================================================================================

    static String rateLimit() throws Exception {
        int rps = 50;
        int burst = 50;
        App app = App.start("app-ratelimited", Map.of("CUSTOMERS_RATE_LIMIT_ENABLED", "true",
                "CUSTOMERS_RATE_LIMIT_REQUESTS_PER_SECOND", String.valueOf(rps),
                "CUSTOMERS_RATE_LIMIT_BURST", String.valueOf(burst)));
        try {
            String busy = newOrganization(app, "Busy");
            String quiet = newOrganization(app, "Quiet");
            String quietId = createCustomer(app, quiet, "quiet-" + UUID.randomUUID()).id;
            String busyId = createCustomer(app, busy, "busy-" + UUID.randomUUID()).id;
            int seconds = QUICK ? 6 : 20;
            // warm up, then the quiet organization alone
            quietRun(app, quiet, quietId, 2);
            Stats alone = quietRun(app, quiet, quietId, seconds / 2);
            // the busy organization floods while the quiet one keeps its pace
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger busy2xx = new AtomicInteger();
            AtomicInteger busy429 = new AtomicInteger();
            AtomicInteger busyBad429 = new AtomicInteger();
            AtomicInteger busy5xx = new AtomicInteger();
            AtomicInteger busyRequests = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> flood = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < 4; t++) {
                flood.add(pool.submit(() -> {
                    for (int i = 0; i < 1_000_000 && !stop.get(); i++) {
                        busyRequests.incrementAndGet();
                        try {
                            HttpResponse<String> r = request(app, "GET", "/v1/customers/" + busyId, busy, null, Map.of());
                            if (r.statusCode() == 200) {
                                busy2xx.incrementAndGet();
                            } else if (r.statusCode() == 429) {
                                busy429.incrementAndGet();
                                String retryAfter = r.headers().firstValue("Retry-After").orElse("");
                                if (!retryAfter.matches("[1-9][0-9]*") || !r.body().contains("\"RATE_LIMITED\"")
                                        || !r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                                    busyBad429.incrementAndGet();
                                }
                            } else if (r.statusCode() >= 500) {
                                busy5xx.incrementAndGet();
                            }
                        } catch (IOException e) {
                            busy5xx.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            Stats loaded = quietRun(app, quiet, quietId, seconds);
            stop.set(true);
            for (Future<?> f : flood) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            double elapsed = (System.nanoTime() - start) / 1e9;
            double allowed = burst + rps * elapsed;
            log(String.format("  quiet alone: %s; quiet during flood: %s; busy: %d requests, %d 200, %d 429 in %.1fs "
                    + "(allowed at most %.0f)", alone, loaded, busyRequests.get(), busy2xx.get(), busy429.get(), elapsed,
                    allowed));
            boolean quietOk = loaded.limited == 0 && loaded.errors == 0 && alone.errors == 0
                    && loaded.p50 <= 3 * alone.p50 + 20;
            boolean busyOk = busy429.get() > 0 && busyBad429.get() == 0 && busy5xx.get() == 0
                    && busy2xx.get() <= allowed * 1.1 + 10;
            return verdict(quietOk && busyOk, "rate-limit", String.format(
                    "busy: requests=%d 2xx=%d 429=%d bad-429=%d 5xx=%d; quiet: requests=%d 429=%d 5xx=%d "
                            + "p50 %.1f->%.1f ms p99 %.1f->%.1f ms", busyRequests.get(), busy2xx.get(), busy429.get(),
                    busyBad429.get(), busy5xx.get(), loaded.requests, loaded.limited, loaded.errors, alone.p50,
                    loaded.p50, alone.p99, loaded.p99));
        } finally {
            app.stop();
        }
    }

    record Stats(int requests, int limited, int errors, double p50, double p99) {
        @Override
        public String toString() {
            return String.format("%d requests, %d 429, %d errors, p50 %.1f ms, p99 %.1f ms", requests, limited, errors, p50, p99);
        }
    }

    /** The quiet organization: 20 requests a second (well under its limit), latency recorded. */
    static Stats quietRun(App app, String key, String id, int seconds) throws Exception {
        List<Double> latencies = new ArrayList<>();
        int limited = 0;
        int errors = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int i = 0; i < seconds * 20 && System.nanoTime() < end + TimeUnit.SECONDS.toNanos(5); i++) {
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = request(app, "GET",
                        i % 2 == 0 ? "/v1/customers/" + id : "/v1/customers?limit=5", key, null, Map.of());
                if (r.statusCode() == 429) {
                    limited++;
                } else if (r.statusCode() != 200) {
                    errors++;
                }
            } catch (IOException e) {
                errors++;
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            latencies.add(ms);
            long pause = 50 - (long) ms;
            if (pause > 0) {
                sleep(pause);
            }
        }
        Collections.sort(latencies);
        double p50 = latencies.isEmpty() ? 0 : latencies.get(latencies.size() / 2);
        double p99 = latencies.isEmpty() ? 0 : latencies.get(Math.min(latencies.size() - 1, (int) (latencies.size() * 0.99)));
        return new Stats(latencies.size(), limited, errors, p50, p99);
    }

    // =============================================================================================
    // The service process
    // =============================================================================================

    static final class App {
        final String name;
        final Map<String, String> env;
        final int port;
        Process process;
        long readyMillis;
        int starts;

        App(String name, Map<String, String> env, int port) {
            this.name = name;
            this.env = env;
            this.port = port;
        }

        static App start(String name, Map<String, String> env) throws Exception {
            App app = new App(name, env, freePort());
            app.restart();
            return app;
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        long pid() {
            return process.pid();
        }

        void restart() throws Exception {
            starts++;
            Path logFile = WORK.resolve(name + "-" + starts + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String option : env("APP_JAVA_OPTS", "-Xmx256m").split("\\s+")) {
                if (!option.isBlank()) {
                    command.add(option);
                }
            }
            command.addAll(List.of("-jar", env("APP_JAR", "target/quarkus-app/quarkus-run.jar")));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
            Map<String, String> e = builder.environment();
            e.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            e.put("QUARKUS_DATASOURCE_JDBC_URL", env("JDBC_URL", ""));
            e.put("QUARKUS_DATASOURCE_USERNAME", env("DB_USER", "postgres"));
            e.put("QUARKUS_DATASOURCE_PASSWORD", env("DB_PASSWORD", "postgres"));
            e.put("CUSTOMERS_ADMIN_TOKEN", ADMIN_TOKEN);
            // loopback only: VAT numbers in generated bodies must not reach the real VIES service
            e.put("CUSTOMERS_VIES_BASE_URL", "http://127.0.0.1:9");
            e.putAll(env);
            long t0 = System.nanoTime();
            process = builder.start();
            for (int i = 0; i < 1200; i++) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited during start; see " + logFile + ":\n"
                            + tail(logFile));
                }
                try {
                    HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                        return;
                    }
                } catch (IOException ignored) {
                    // not listening yet
                }
                sleep(100);
            }
            throw new IllegalStateException(name + " did not become ready in 120 s; see " + logFile);
        }

        /** SIGKILL: no shutdown hook, no graceful drain. */
        void kill() throws Exception {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws Exception {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }

        static String tail(Path file) {
            try {
                List<String> lines = Files.readAllLines(file);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            } catch (IOException e) {
                return "";
            }
        }
    }

    // =============================================================================================
    // HTTP helpers
    // =============================================================================================

    record Created(String id, String externalId) {
    }

    static HttpResponse<String> request(App app, String method, String path, String key, Object body,
            Map<String, String> headers) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url() + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(json(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static String newOrganization(App app, String name) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(app.url() + "/v1/admin/organizations"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("name", name, "default_currency", "EUR")))).build();
        HttpResponse<String> answer = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        check(answer.statusCode() == 201, "create organization: " + answer.statusCode() + " " + answer.body());
        return field(answer.body(), "secret");
    }

    static Created createCustomer(App app, String key, String externalId) throws Exception {
        HttpResponse<String> r = request(app, "POST", "/v1/customers", key,
                Map.of("external_id", externalId, "name", "Customer " + externalId, "tags", List.of("reliability")), Map.of());
        check(r.statusCode() == 201, "create customer: " + r.statusCode() + " " + r.body());
        return new Created(field(r.body(), "id"), externalId);
    }

    static UUID orgOf(String key) {
        String hex = key.substring(3, 35);
        return UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
    }

    /** Every (method, path) of the OpenAPI document: the route list grows with the API. */
    @SuppressWarnings("unchecked")
    static List<String[]> routes(App app) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(app.url() + "/q/openapi?format=json")).build(),
                HttpResponse.BodyHandlers.ofString());
        check(r.statusCode() == 200, "openapi: " + r.statusCode());
        Map<String, Object> doc = (Map<String, Object>) new Json(r.body()).value();
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        List<String[]> routes = new ArrayList<>();
        for (Map.Entry<String, Object> p : paths.entrySet()) {
            for (String method : ((Map<String, Object>) p.getValue()).keySet()) {
                if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                    routes.add(new String[] { method.toUpperCase(Locale.ROOT), p.getKey() });
                }
            }
        }
        routes.sort((a, b) -> (a[1] + a[0]).compareTo(b[1] + b[0]));
        return routes;
    }

    /** The first string value of a member anywhere in a JSON text. */
    static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        check(m.find(), "no " + name + " in " + abbreviate(json, 200));
        return m.group(1);
    }

    // =============================================================================================
    // Raw HTTP/1.1 over a socket: for requests a well-behaved client library refuses to send
    // =============================================================================================

    record RawResponse(int status, Map<String, String> headers, byte[] content) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        String body() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    static final class RawHttp {
        static byte[] build(String method, String target, Map<String, String> headers, byte[] body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: 127.0.0.1\r\nConnection: close\r\n");
            boolean lengthGiven = headers.containsKey("Content-Length");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null && !lengthGiven) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                out.writeBytes(body);
            }
            return out.toByteArray();
        }

        static RawResponse send(int port, byte[] request, int timeoutMillis) throws IOException {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket.setSoTimeout(timeoutMillis);
                OutputStream out = socket.getOutputStream();
                try {
                    out.write(request);
                    out.flush();
                } catch (IOException e) {
                    // the server may answer (413) and close before reading everything: read what it sent
                }
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
                try {
                    for (int n; (n = in.read(buffer)) >= 0 && System.nanoTime() < deadline;) {
                        all.write(buffer, 0, n);
                        RawResponse done = parse(all.toByteArray(), false);
                        if (done != null) {
                            return done;
                        }
                    }
                } catch (IOException e) {
                    if (all.size() == 0) {
                        throw e;
                    }
                }
                RawResponse r = parse(all.toByteArray(), true);
                if (r == null) {
                    throw new IOException("incomplete response (" + all.size() + " bytes)");
                }
                return r;
            }
        }

        /** A complete response, or null when more bytes are needed (unless at end of stream). */
        static RawResponse parse(byte[] data, boolean eof) {
            String text = new String(data, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return null;
            }
            String[] lines = text.substring(0, end).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2) {
                return null;
            }
            int status = Integer.parseInt(statusLine[1]);
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            int bodyStart = end + 4;
            String length = headers.get("content-length");
            if (length != null) {
                int n = Integer.parseInt(length);
                if (data.length - bodyStart < n) {
                    return eof ? new RawResponse(status, headers, slice(data, bodyStart, data.length)) : null;
                }
                return new RawResponse(status, headers, slice(data, bodyStart, bodyStart + n));
            }
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                int pos = bodyStart;
                while (true) {
                    int lineEnd = text.indexOf("\r\n", pos);
                    if (lineEnd < 0) {
                        return eof ? new RawResponse(status, headers, body.toByteArray()) : null;
                    }
                    int size = Integer.parseInt(text.substring(pos, lineEnd).split(";")[0].trim(), 16);
                    if (size == 0) {
                        return new RawResponse(status, headers, body.toByteArray());
                    }
                    if (lineEnd + 2 + size > data.length) {
                        return eof ? new RawResponse(status, headers, body.toByteArray()) : null;
                    }
                    body.write(data, lineEnd + 2, size);
                    pos = lineEnd + 2 + size + 2;
                }
            }
            return eof ? new RawResponse(status, headers, slice(data, bodyStart, data.length)) : null;
        }

        static byte[] slice(byte[] data, int from, int to) {
            byte[] out = new byte[Math.max(0, to - from)];
            System.arraycopy(data, from, out, 0, out.length);
            return out;
        }
    }

    // =============================================================================================
    // JSON: a small writer and reader (the JDK has none)
    // =============================================================================================

    static String json(Object value) {
        StringBuilder s = new StringBuilder();
        writeJson(s, value);
        return s.toString();
    }

    @SuppressWarnings("unchecked")
    static void writeJson(StringBuilder s, Object value) {
        if (value == null) {
            s.append("null");
        } else if (value instanceof String str) {
            s.append('"');
            for (int i = 0; i < str.length(); i++) {
                char c = str.charAt(i);
                switch (c) {
                    case '"' -> s.append("\\\"");
                    case '\\' -> s.append("\\\\");
                    case '\n' -> s.append("\\n");
                    case '\r' -> s.append("\\r");
                    case '\t' -> s.append("\\t");
                    default -> {
                        if (c < 0x20 || Character.isSurrogate(c)) {
                            s.append(String.format("\\u%04x", (int) c));
                        } else {
                            s.append(c);
                        }
                    }
                }
            }
            s.append('"');
        } else if (value instanceof Map<?, ?> map) {
            s.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    s.append(',');
                }
                first = false;
                writeJson(s, String.valueOf(e.getKey()));
                s.append(':');
                writeJson(s, e.getValue());
            }
            s.append('}');
        } else if (value instanceof List<?> list) {
            s.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    s.append(',');
                }
                writeJson(s, list.get(i));
            }
            s.append(']');
        } else {
            s.append(value);
        }
    }

    /** Recursive-descent reader for the OpenAPI document: objects, arrays, strings, numbers, literals. */
    static final class Json {
        final String text;
        int pos;

        Json(String text) {
            this.text = text;
        }

        Object value() {
            skip();
            char c = text.charAt(pos);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                pos++;
                skip();
                if (text.charAt(pos) == '}') {
                    pos++;
                    return map;
                }
                while (true) {
                    skip();
                    String k = string();
                    skip();
                    pos++; // :
                    map.put(k, value());
                    skip();
                    if (text.charAt(pos++) == '}') {
                        return map;
                    }
                }
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                pos++;
                skip();
                if (text.charAt(pos) == ']') {
                    pos++;
                    return list;
                }
                while (true) {
                    list.add(value());
                    skip();
                    if (text.charAt(pos++) == ']') {
                        return list;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            int start = pos;
            while (pos < text.length() && ",}] \n\r\t".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            return text.substring(start, pos);
        }

        String string() {
            StringBuilder s = new StringBuilder();
            pos++; // opening quote
            while (text.charAt(pos) != '"') {
                char c = text.charAt(pos++);
                if (c == '\\') {
                    char e = text.charAt(pos++);
                    switch (e) {
                        case 'n' -> s.append('\n');
                        case 't' -> s.append('\t');
                        case 'r' -> s.append('\r');
                        case 'b' -> s.append('\b');
                        case 'f' -> s.append('\f');
                        case 'u' -> {
                            s.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                            pos += 4;
                        }
                        default -> s.append(e);
                    }
                } else {
                    s.append(c);
                }
            }
            pos++;
            return s.toString();
        }

        void skip() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
    }

    // =============================================================================================
    // Small things
    // =============================================================================================

    static Connection db() throws Exception {
        return DriverManager.getConnection(env("JDBC_URL", ""), env("DB_USER", "postgres"), env("DB_PASSWORD", "postgres"));
    }

    static long scalar(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql.replaceAll("\\?\\d", "?"))) {
            // ?1, ?2 ... in the text, in order of appearance
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\?(\\d)").matcher(sql);
            int index = 1;
            while (m.find()) {
                ps.setObject(index++, params[Integer.parseInt(m.group(1)) - 1]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void shell(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).inheritIO().start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        check(p.exitValue() == 0, "failed (" + p.exitValue() + "): " + command);
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String abbreviate(String s, int max) {
        String clean = s.replaceAll("[\\r\\n]+", " ");
        return clean.length() <= max ? clean : clean.substring(0, max) + "…(" + clean.length() + " chars)";
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static void log(String message) {
        System.out.printf("%tT %s%n", System.currentTimeMillis(), message);
    }
}
