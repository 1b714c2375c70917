package eu.billing.customers.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import eu.billing.customers.platform.devdb.EmbeddedPostgres;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

/**
 * One instance of the packaged service (the artifact {@link PackagedArtifact} names) started as a
 * separate process in the prod profile, on its own port, against a given database. It can be
 * killed (SIGKILL) and started again on the same port with the same settings.
 */
public final class PackagedApp implements AutoCloseable {

    public static final String ADMIN_TOKEN = "replica-admin-token";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Path LOGS = Path.of("target", "packaged-apps");

    private final int port;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private Process process;
    private Path log;
    private long readyMillis;
    private int starts;

    private PackagedApp(int port, Map<String, String> env, List<String> jvmOptions) {
        this.port = port;
        this.env = env;
        this.jvmOptions = jvmOptions;
    }

    /**
     * The PostgreSQL the packaged apps of a test use: the one {@code QUARKUS_DATASOURCE_JDBC_URL} (with
     * {@code _USERNAME} and {@code _PASSWORD}) names, else the embedded server the other tests share.
     */
    public record Database(String url, String user, String password) {

        public static Database shared() {
            String url = System.getenv().getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "");
            if (url.isBlank()) {
                return new Database(EmbeddedPostgres.startOrReuse(), "postgres", "postgres");
            }
            return new Database(url, System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                    System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "postgres"));
        }

        /**
         * A new, empty database on the same server (named {@code prefix} and a unique suffix): for apps
         * that must not share their queues with the other packaged apps of the build (every app
         * connected to a database works its queues). The first app started on it migrates it.
         */
        public Database fresh(String prefix) throws SQLException {
            String name = prefix + "_" + Long.toHexString(System.nanoTime());
            try (Connection c = connect(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
            return new Database(url.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name), user, password);
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    /** Starts an instance on {@code db} and waits until /q/health/ready answers 200. */
    public static PackagedApp start(Database db, Map<String, String> extraEnv) throws Exception {
        return start(db.url(), db.user(), db.password(), extraEnv, List.of());
    }

    /**
     * Starts two instances on {@code db} at once (Liquibase's lock lets exactly one of them migrate)
     * and waits until both are ready.
     */
    public static List<PackagedApp> startTwo(Database db, Map<String, String> extraEnv, Duration within)
            throws Exception {
        ExecutorService boot = Executors.newFixedThreadPool(2);
        try {
            Future<PackagedApp> first = boot.submit(() -> start(db, extraEnv));
            Future<PackagedApp> second = boot.submit(() -> start(db, extraEnv));
            return List.of(first.get(within.toMillis(), TimeUnit.MILLISECONDS),
                    second.get(within.toMillis(), TimeUnit.MILLISECONDS));
        } finally {
            boot.shutdown();
        }
    }

    /** Starts an instance and waits until /q/health/ready answers 200. */
    public static PackagedApp start(String jdbcUrl, String user, String password, Map<String, String> extraEnv)
            throws Exception {
        return start(jdbcUrl, user, password, extraEnv, List.of());
    }

    /** The same, with JVM options (such as {@code -Xmx256m}). */
    public static PackagedApp start(String jdbcUrl, String user, String password, Map<String, String> extraEnv,
            List<String> jvmOptions) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", user);
        env.put("QUARKUS_DATASOURCE_PASSWORD", password);
        env.put("CUSTOMERS_ADMIN_TOKEN", ADMIN_TOKEN);
        env.putAll(extraEnv);
        PackagedApp app = new PackagedApp(freePort(), Map.copyOf(env), List.copyOf(jvmOptions));
        app.restart();
        return app;
    }

    /** Starts a new process on the same port with the same settings and waits until it is ready. */
    public void restart() throws Exception {
        starts++;
        Files.createDirectories(LOGS);
        log = LOGS.resolve("app-" + port + "-" + starts + ".log");
        // the jar, or the native executable under -Dnative
        ProcessBuilder builder = new ProcessBuilder(PackagedArtifact.command(jvmOptions)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        long t0 = System.nanoTime();
        process = builder.start();
        awaitReady();
        readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /** SIGKILL: no shutdown hook, no graceful drain. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public int port() {
        return port;
    }

    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    /** A REST Assured request to this instance. */
    public RequestSpecification given() {
        return RestAssured.given().baseUri(baseUri());
    }

    public Process process() {
        return process;
    }

    /** Milliseconds from the last launch to the first 200 of /q/health/ready. */
    public long readyMillis() {
        return readyMillis;
    }

    /** The log of the current process. */
    public Path log() {
        return log;
    }

    private void awaitReady() throws Exception {
        RestAssuredConfig quick = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 1000).setParam("http.socket.timeout", 2000));
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited: " + Files.readString(log));
            }
            try {
                if (given().config(quick).get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (Exception e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service did not become ready: " + Files.readString(log));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
