package eu.billing.customers.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

import eu.billing.customers.support.PackagedApp;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * What the checks of the reliability suite share: the mode and seed (system properties set by the
 * {@code reliability} Maven profile), the packaged service started against {@link Database}, the
 * API calls that set up a check, and the summary line each check prints.
 *
 * <p>{@code -Dreliability.mode=full} runs longer loads; {@code -Dreliability.seed=N} repeats the
 * generated requests of an earlier run; {@code -Dreliability.app-java-opts} (default
 * {@code -Xmx256m}) are the service's JVM options.
 */
final class Reliability {

    static final boolean QUICK = !"full".equalsIgnoreCase(System.getProperty("reliability.mode", "quick"));
    static final long SEED = seed();

    /** Connect within 2 s, an answer within 30 s: a request that takes longer counts as a hang. */
    static final RestAssuredConfig TIMEOUTS = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 2_000).setParam("http.socket.timeout", 30_000));

    private static final Path SUMMARY = Path.of("target", "reliability", "summary.txt");

    static {
        try {
            Files.createDirectories(SUMMARY.getParent());
            Files.deleteIfExists(SUMMARY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Reliability() {
    }

    static String mode() {
        return QUICK ? "quick" : "full";
    }

    /** quick or full: the value of this mode. */
    static int byMode(int quick, int full) {
        return QUICK ? quick : full;
    }

    /**
     * The packaged service in the prod profile against the suite's database, with the given extra
     * environment. The rate limit is off unless the environment turns it on; VIES points at a
     * closed loopback port, so no VAT number of a generated body leaves the machine.
     */
    static PackagedApp startApp(Map<String, String> extraEnv) throws Exception {
        Database db = Database.get();
        Map<String, String> env = new HashMap<>();
        env.put("CUSTOMERS_RATE_LIMIT_ENABLED", "false");
        env.put("CUSTOMERS_VIES_BASE_URL", "http://127.0.0.1:9");
        env.putAll(extraEnv);
        List<String> options = List.of(System.getProperty("reliability.app-java-opts", "-Xmx256m").trim().split("\\s+"));
        PackagedApp app = PackagedApp.start(db.url(), db.user(), db.password(), env,
                options.equals(List.of("")) ? List.of() : options);
        log("service on " + app.baseUri() + " ready in " + app.readyMillis() + " ms (log " + app.log() + ")");
        return app;
    }

    /** An organization made through the admin API. */
    record Organization(String key, UUID id, String apiKeyId) {
    }

    static Organization newOrganization(PackagedApp app, String name) {
        Response r = app.given().config(TIMEOUTS).header("Authorization", "Bearer " + PackagedApp.ADMIN_TOKEN)
                .contentType(ContentType.JSON).body(Map.of("name", name, "default_currency", "EUR"))
                .when().post("/v1/admin/organizations")
                .then().statusCode(201).extract().response();
        return new Organization(r.path("data.api_key.secret"), UUID.fromString(r.path("data.organization.id")),
                r.path("data.api_key.id"));
    }

    /** A request of the organization holding {@code key}, sending and accepting JSON. */
    static RequestSpecification as(PackagedApp app, String key) {
        return app.given().config(TIMEOUTS).header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    /** Creates a customer with the given external id and answers its id. */
    static String createCustomer(PackagedApp app, String key, String externalId) {
        return as(app, key).body(Map.of("external_id", externalId, "name", "Customer " + externalId,
                "tags", List.of("reliability"))).when().post("/v1/customers")
                .then().statusCode(201).extract().path("data.id");
    }

    /**
     * Prints the check's one summary line (also collected in target/reliability/summary.txt) and
     * fails the test when {@code ok} is false.
     */
    static void report(String check, boolean ok, String figures) {
        String line = summary(ok ? "PASS" : "FAIL", check, figures);
        assertTrue(ok, line);
    }

    /** Prints a SKIP summary line and skips the check. */
    static void skip(String check, String reason) {
        Assumptions.abort(summary("SKIP", check, reason));
    }

    private static String summary(String verdict, String check, String figures) {
        String line = String.format("%s  %-17s%s", verdict, check, figures);
        log(line);
        try {
            Files.writeString(SUMMARY, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line;
    }

    /** Keeps the first 15 examples of what went wrong, for the log. */
    static void remember(Queue<String> examples, String example) {
        if (examples.size() < 15) {
            examples.add(example);
        }
    }

    static void log(String message) {
        System.out.printf("%tT [reliability %s] %s%n", System.currentTimeMillis(), mode(), message);
    }

    static String abbreviate(String s, int max) {
        String clean = s == null ? "" : s.replaceAll("[\\r\\n]+", " ");
        return clean.length() <= max ? clean : clean.substring(0, max) + "…(" + clean.length() + " chars)";
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long seed() {
        String given = System.getProperty("reliability.seed", "");
        return given.isBlank() ? Math.floorMod(System.nanoTime(), 100_000L) : Long.parseLong(given.trim());
    }
}
