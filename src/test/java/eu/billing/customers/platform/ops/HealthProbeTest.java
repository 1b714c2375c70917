package eu.billing.customers.platform.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * The CLI probe against tiny JDK HTTP servers (UP, DOWN, slow), a stopped port and bad
 * arguments, run in-process through {@link HealthProbe#run}. {@code HealthProbeLiveTest} runs it
 * against the running service, {@code PackagedAppIT} as a real subprocess of the packaged jar.
 */
class HealthProbeTest {

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void upAnswersZero() throws IOException {
        String url = serve(200, "{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"status\":\"UP\"}]}", false);
        Result r = probe("--url", url);
        assertEquals(HealthProbe.UP, r.code);
        assertTrue(r.line.startsWith("UP " + url + "/q/health/ready"), r.line);
    }

    @Test
    void downAnswersOne() throws IOException {
        String url = serve(503, "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"db\",\"status\":\"DOWN\"}]}", false);
        Result r = probe("--url", url, "--timeout", "2s");
        assertEquals(HealthProbe.DOWN, r.code);
        assertTrue(r.line.startsWith("DOWN ") && r.line.contains("HTTP 503"), r.line);
    }

    @Test
    void theTopLevelStatusDecidesWhereverItStands() {
        assertTrue(HealthProbe.statusUp("{\"checks\":[{\"name\":\"db\",\"status\":\"DOWN\"}],\"status\":\"UP\"}"));
        assertFalse(HealthProbe.statusUp("{\"checks\":[{\"name\":\"db\",\"status\":\"UP\"}],\"status\":\"DOWN\"}"));
        assertFalse(HealthProbe.statusUp("{\"status\":\"UP\""));
        assertFalse(HealthProbe.statusUp("[\"status\",\"UP\"]"));
    }

    @Test
    void okButNotUpAnswersOne() throws IOException {
        // A 200 that is not a health document (a proxy page, say) is not "ready".
        Result r = probe("--url", serve(200, "<html>hello</html>", false));
        assertEquals(HealthProbe.DOWN, r.code, r.line);
    }

    @Test
    void stoppedPortAnswersOneAtOnce() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();
        Result r = probe("--url", "http://127.0.0.1:" + port, "--timeout", "5s");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(HealthProbe.DOWN, r.code);
        assertTrue(r.line.startsWith("DOWN ") && r.line.contains("connection refused"), r.line);
        assertTrue(ms < 5000, "took " + ms + " ms");
    }

    @Test
    void slowServerAnswersOneWithinTheTimeout() throws IOException {
        String url = serve(200, "{\"status\":\"UP\"}", true);
        long start = System.nanoTime();
        Result r = probe("--url", url, "--timeout=500ms");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(HealthProbe.DOWN, r.code);
        assertTrue(r.line.contains("no answer within 500 ms"), r.line);
        assertTrue(ms >= 450 && ms < 1500, "took " + ms + " ms");
    }

    @Test
    void badArgumentsAnswerTwo() {
        for (String[] args : new String[][] {
                {"--bogus"}, {"--url"}, {"--timeout"}, {"--timeout", "soon"}, {"--timeout", "0s"},
                {"--timeout", "10m"}, {"--url", "ftp://example"}, {"--url", "not a url"}, {"extra"}}) {
            Result r = probe(args);
            assertEquals(HealthProbe.BAD_ARGUMENTS, r.code, String.join(" ", args));
            assertTrue(r.line.startsWith("usage: healthcheck"), r.line);
        }
    }

    @Test
    void parsesTimeoutsAndUrls() {
        assertEquals(Duration.ofMillis(250), HealthProbe.parseTimeout("250ms"));
        assertEquals(Duration.ofSeconds(3), HealthProbe.parseTimeout("3"));
        assertEquals(Duration.ofMinutes(1), HealthProbe.parseTimeout("1m"));
        assertNull(HealthProbe.parseTimeout("-1s"));
        assertEquals("http://h:1/q/health/ready", HealthProbe.target("http://h:1/").toString());
        assertEquals("http://h:1/q/health/ready", HealthProbe.target("http://h:1/q/health/ready").toString());
        assertNotNull(HealthProbe.target("https://h"));
    }

    /** Answers every request with the status and body; {@code slow} holds the answer back. */
    private String serve(int status, String body, boolean slow) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            if (slow) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static Result probe(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = HealthProbe.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.lines().count(), "one line: " + out);
        return new Result(code, out.strip());
    }

    record Result(int code, String line) {
    }
}
