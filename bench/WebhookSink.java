// A webhook consumer for bench/webhooks.sh, run as a single-file program (java bench/WebhookSink.java <port>):
// answers every POST 204 at once and records, per delivery, its arrival and the event's occurred_at (the
// time the event was written, just before its transaction committed). GET /stats answers
// "count distinct first_ms last_ms p50_ms p99_ms" (latencies from occurred_at to arrival, in arrival
// order since the last reset); POST /reset forgets everything.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class WebhookSink {

    private static final Pattern OCCURRED = Pattern.compile("\"occurred_at\"\\s*:\\s*\"([^\"]+)\"");

    private record Arrival(long atMillis, long latencyMillis) {
    }

    private static final List<Arrival> ARRIVALS = Collections.synchronizedList(new ArrayList<>());
    private static final Set<String> IDS = ConcurrentHashMap.newKeySet();

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 512);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.createContext("/", WebhookSink::handle);
        server.start();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("GET") && path.equals("/stats")) {
                byte[] out = stats().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, out.length);
                exchange.getResponseBody().write(out);
                return;
            }
            if (path.equals("/reset")) {
                synchronized (ARRIVALS) {
                    ARRIVALS.clear();
                    IDS.clear();
                }
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            Instant now = Instant.now();
            Matcher m = OCCURRED.matcher(body);
            long latency = m.find() ? now.toEpochMilli() - Instant.parse(m.group(1)).toEpochMilli() : -1;
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            synchronized (ARRIVALS) {
                ARRIVALS.add(new Arrival(now.toEpochMilli(), latency));
                if (id != null) {
                    IDS.add(id);
                }
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private static String stats() {
        List<Arrival> copy;
        int distinct;
        synchronized (ARRIVALS) {
            copy = new ArrayList<>(ARRIVALS);
            distinct = IDS.size();
        }
        if (copy.isEmpty()) {
            return "0 0 0 0 0 0\n";
        }
        long[] latencies = copy.stream().mapToLong(Arrival::latencyMillis).sorted().toArray();
        long first = copy.stream().mapToLong(Arrival::atMillis).min().orElse(0);
        long last = copy.stream().mapToLong(Arrival::atMillis).max().orElse(0);
        return copy.size() + " " + distinct + " " + first + " " + last + " " + latencies[latencies.length / 2] + " "
                + latencies[Math.min(latencies.length - 1, latencies.length * 99 / 100)] + "\n";
    }
}
