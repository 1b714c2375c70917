package eu.billing.customers.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What the fake tax registers share: a JDK HttpServer on loopback (no test reaches a real register),
 * a call counter per key ({@code GET /calls/<key>}), the calls of each key under way at once
 * ({@link #maxConcurrent}, for tests holding the fake), and the scenarios every register's fault table
 * has, picked by the first two digits of the number a test sends (the rest is random, with valid check
 * digits, so tests never share a counter). Each subclass serves its register's real answer shapes.
 */
public abstract class FakeRegister implements QuarkusTestResourceLifecycleManager {

    /** A verdict that the number is fine (VALID). */
    public static final String VALID = "10";
    /** The register's own "no such number" (INVALID). */
    public static final String NOT_FOUND = "11";
    public static final String HTTP_500 = "20";
    public static final String HTTP_503 = "21";
    public static final String HTTP_429 = "22";
    /** Answers after two seconds, past the tests' read timeout. */
    public static final String SLOW = "23";
    /** 302 to {@code /followed}, which counts calls so that tests see it is never followed. */
    public static final String REDIRECT = "24";
    /** 200 with a truncated body. */
    public static final String GARBAGE = "25";
    /** HTTP 500 on the first call of a number, the VALID answer afterwards. */
    public static final String FLAKY_ONCE = "40";
    /** The VALID answer after 600 ms: within every timeout, slow enough for calls to overlap. */
    public static final String VALID_AFTER_600_MS = "41";

    /** Reads requests and writes answers of the JSON registers. */
    protected static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final InFlight inFlight = new InFlight();

    /** The config keys that point the service at this fake, given its base URL. */
    protected abstract Map<String, String> config(String base);

    /** Registers the register's own routes. */
    protected abstract void routes(HttpServer server);

    @Override
    public Map<String, String> start() {
        server = loopbackServer();
        routes(server);
        server.createContext("/calls/", ex -> send(ex, 200, "text/plain", String.valueOf(
                calls.getOrDefault(ex.getRequestURI().getPath().substring("/calls/".length()), new AtomicInteger())
                        .get())));
        server.createContext("/followed", ex -> {
            count("followed");
            send(ex, 200, "text/html", "<html>maintenance</html>");
        });
        server.start();
        return config("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** An HTTP server on a free loopback port, one thread per exchange (slow answers block nothing else). */
    static HttpServer loopbackServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks a call of {@code key} as under way until the handle is closed ({@link #maxConcurrent}). */
    protected InFlight.Call begin(String key) {
        return inFlight.begin(key);
    }

    /** The most calls of {@code key} this fake answered at once. */
    public int maxConcurrent(String key) {
        return inFlight.max(key);
    }

    /** Counts one call of {@code key}; answers which call this is (1 for the first). */
    protected int count(String key) {
        return calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * Answers the scenarios every register shares; {@code false} when {@code scenario} is the
     * register's own to answer. A slow answer is {@code valid} after two seconds; a flaky number is
     * {@code valid} from its second call.
     */
    protected boolean common(HttpExchange ex, String scenario, int call, String contentType, Answer valid)
            throws IOException {
        switch (scenario) {
            case HTTP_500 -> send(ex, 500, "text/html", "<html><body>Internal Server Error</body></html>");
            case HTTP_503 -> send(ex, 503, "text/plain", "");
            case HTTP_429 -> send(ex, 429, "text/plain", "");
            case SLOW -> {
                sleep(2000);
                valid.send(ex);
            }
            case VALID_AFTER_600_MS -> {
                sleep(600);
                valid.send(ex);
            }
            case REDIRECT -> {
                ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/followed");
                send(ex, 302, "text/html", "<html>moved</html>");
            }
            case GARBAGE -> send(ex, 200, contentType, contentType.contains("xml") ? "<s:Envelope><s:Bo" : "{\"target\": {");
            case FLAKY_ONCE -> {
                if (call == 1) {
                    send(ex, 500, "text/plain", "oops");
                } else {
                    valid.send(ex);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** One answer to an exchange. */
    @FunctionalInterface
    protected interface Answer {
        void send(HttpExchange ex) throws IOException;
    }

    protected static String body(HttpExchange ex) throws IOException {
        return new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Answers {@code value} as JSON. */
    protected static void sendJson(HttpExchange ex, int status, Object value) throws IOException {
        send(ex, status, "application/json", json(value));
    }

    /** {@code value} as JSON text, written by Jackson. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
