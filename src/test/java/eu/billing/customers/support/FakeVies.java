package eu.billing.customers.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fake VIES REST API on loopback, for every test (no test may reach the real VIES). Stateless
 * by design, so tests control it through the numbers they send: for a German number
 * {@code DE<ss><7 digits>} the two digits {@code ss} pick the answer (see {@link #answer}); other
 * numbers are valid. {@code GET /calls/<country><number>} answers how many checks of that number
 * arrived, {@code GET /last/<country><number>} the last request body; {@link #maxConcurrent} how many
 * were under way at once.
 */
public class FakeVies implements QuarkusTestResourceLifecycleManager {

    public static final String VALID = "10";
    public static final String NOT_VALID = "11";
    public static final String UNPUBLISHED = "12";
    public static final String MS_UNAVAILABLE = "20";
    public static final String SERVICE_UNAVAILABLE = "21";
    public static final String TIMEOUT = "22";
    public static final String MS_MAX_CONCURRENT_REQ = "23";
    public static final String GLOBAL_MAX_CONCURRENT_REQ = "24";
    public static final String VAT_BLOCKED = "25";
    public static final String IP_BLOCKED = "26";
    public static final String INVALID_REQUESTER_INFO = "27";
    public static final String INVALID_INPUT = "28";
    public static final String INVALID_INPUT_HTTP_400 = "29";
    public static final String HTTP_500 = "30";
    public static final String SLOW = "31";
    public static final String REDIRECT = "32";
    public static final String GARBAGE = "33";
    public static final String HTTP_503 = "34";
    /** HTTP 500 on the first call of a number, valid afterwards (a retry within one check cures it). */
    public static final String FLAKY_ONCE = "40";
    /** MS_UNAVAILABLE for the first two calls of a number, valid afterwards (a later recheck cures it). */
    public static final String DOWN_TWICE = "41";
    /** Valid after 600 ms: within every timeout, slow enough for checks to overlap. */
    public static final String VALID_AFTER_600_MS = "42";

    private HttpServer server;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, String> last = new ConcurrentHashMap<>();
    private final InFlight inFlight = new InFlight();

    @Override
    public Map<String, String> start() {
        server = FakeRegister.loopbackServer();
        server.createContext("/rest-api/check-vat-number", this::check);
        server.createContext("/calls/", ex -> send(ex, 200, String.valueOf(
                calls.getOrDefault(ex.getRequestURI().getPath().substring("/calls/".length()), new AtomicInteger()).get())));
        server.createContext("/last/", ex -> send(ex, 200,
                last.getOrDefault(ex.getRequestURI().getPath().substring("/last/".length()), "")));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("customers.vies.base-url", base + "/rest-api", "fake-vies.url", base);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void check(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode request;
        try {
            request = FakeRegister.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            request = FakeRegister.JSON.createObjectNode(); // answered as an empty request
        }
        String country = request.path("countryCode").asText("");
        String number = request.path("vatNumber").asText("");
        String key = country + number;
        int call = calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        last.put(key, body);
        try (InFlight.Call running = inFlight.begin(key)) {
            answer(ex, country, number, request.path("requesterNumber").isTextual(), call);
        }
    }

    /** The most checks of {@code countryAndNumber} ({@code DE123456789}) this fake answered at once. */
    public int maxConcurrent(String countryAndNumber) {
        return inFlight.max(countryAndNumber);
    }

    private void answer(HttpExchange ex, String country, String number, boolean requester, int call) throws IOException {
        String scenario = country.equals("DE") && number.length() == 9 ? number.substring(0, 2) : VALID;
        switch (scenario) {
            case NOT_VALID -> send(ex, 200, verdict(country, number, false, "---", "---", requester));
            case UNPUBLISHED -> send(ex, 200, verdict(country, number, true, "---", "---", requester));
            case MS_UNAVAILABLE -> send(ex, 200, error("MS_UNAVAILABLE"));
            case SERVICE_UNAVAILABLE -> send(ex, 200, error("SERVICE_UNAVAILABLE"));
            case TIMEOUT -> send(ex, 200, error("TIMEOUT"));
            case MS_MAX_CONCURRENT_REQ -> send(ex, 200, error("MS_MAX_CONCURRENT_REQ"));
            case GLOBAL_MAX_CONCURRENT_REQ -> send(ex, 200, error("GLOBAL_MAX_CONCURRENT_REQ"));
            case VAT_BLOCKED -> send(ex, 200, error("VAT_BLOCKED"));
            case IP_BLOCKED -> send(ex, 200, error("IP_BLOCKED"));
            case INVALID_REQUESTER_INFO -> send(ex, 200, error("INVALID_REQUESTER_INFO"));
            case INVALID_INPUT -> send(ex, 200, error("INVALID_INPUT"));
            case INVALID_INPUT_HTTP_400 -> send(ex, 400, error("INVALID_INPUT"));
            case HTTP_500 -> send(ex, 500, FakeRegister.json(Map.of("message", "internal error")));
            case HTTP_503 -> send(ex, 503, "");
            case SLOW -> {
                sleep(2000);
                send(ex, 200, verdict(country, number, true, "Slow GmbH", "Somewhere", requester));
            }
            case VALID_AFTER_600_MS -> {
                sleep(600);
                send(ex, 200, verdict(country, number, true, "Patient GmbH", "Street 4", requester));
            }
            case REDIRECT -> {
                ex.getResponseHeaders().add("Location", "https://ec.europa.eu/maintenance.html");
                send(ex, 302, "<html>moved</html>");
            }
            case GARBAGE -> send(ex, 200, "{\"valid\": tru");
            case FLAKY_ONCE -> {
                if (call == 1) {
                    send(ex, 500, "oops");
                } else {
                    send(ex, 200, verdict(country, number, true, "Flaky GmbH", "Street 2", requester));
                }
            }
            case DOWN_TWICE -> {
                if (call <= 2) {
                    send(ex, 200, error("MS_UNAVAILABLE"));
                } else {
                    send(ex, 200, verdict(country, number, true, "Back GmbH", "Street 3", requester));
                }
            }
            default -> send(ex, 200, verdict(country, number, true, "ACME GmbH", "Hauptstr. 1\n10115 Berlin", requester));
        }
    }

    /** The shape of a VIES check-vat-number answer. */
    private static String verdict(String country, String number, boolean valid, String name, String address,
            boolean requester) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("countryCode", country);
        answer.put("vatNumber", number);
        answer.put("requestDate", "2025-01-15T10:00:00.000Z");
        answer.put("valid", valid);
        answer.put("requestIdentifier", requester ? "WAPIAAAAW" + number : "");
        answer.put("name", name);
        answer.put("address", address);
        answer.put("traderName", "");
        answer.put("traderStreet", "");
        return FakeRegister.json(answer);
    }

    /** The shape of a VIES error answer. */
    private static String error(String code) {
        return FakeRegister.json(Map.of("actionSucceed", false,
                "errorWrappers", List.of(Map.of("error", code, "message", "fake"))));
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        FakeRegister.send(ex, status, "application/json", body);
    }

    private static void sleep(long millis) {
        FakeRegister.sleep(millis);
    }
}
