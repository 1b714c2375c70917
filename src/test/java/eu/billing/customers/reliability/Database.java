package eu.billing.customers.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import eu.billing.customers.support.LocalPostgres;

/**
 * The database of the reliability suite, one per test JVM: the server named by
 * {@code QUARKUS_DATASOURCE_JDBC_URL} (with {@code _USERNAME} and {@code _PASSWORD}) when set,
 * else a throw-away PostgreSQL from the installed server binaries ({@link LocalPostgres}). Only a
 * server of our own may be stopped and started.
 */
final class Database {

    private static Database instance;

    private final String url;
    private final String user;
    private final String password;
    private final LocalPostgres server;

    private Database(String url, String user, String password, LocalPostgres server) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.server = server;
    }

    static synchronized Database get() throws Exception {
        if (instance == null) {
            String configured = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
            if (configured != null && !configured.isBlank()) {
                instance = new Database(configured, System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                        System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""), null);
            } else {
                LocalPostgres pg = LocalPostgres.start("max_connections = 100");
                instance = new Database(pg.jdbcUrl(), pg.user(), pg.password(), pg);
            }
            Reliability.log("database " + instance.url + (instance.server == null ? " (configured)" : " (own server)"));
        }
        return instance;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** Whether this suite started the server and may therefore stop it. */
    boolean restartable() {
        return server != null;
    }

    void stopServer() throws Exception {
        server.stopServer();
    }

    void startServer() throws Exception {
        server.startServer();
    }

    Connection connect() throws Exception {
        return DriverManager.getConnection(url, user, password);
    }

    /** The first column of every row. */
    List<String> strings(String sql, Object... parameters) throws Exception {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, parameters); ResultSet rs = ps.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    long count(String sql, Object... parameters) throws Exception {
        return Long.parseLong(strings(sql, parameters).get(0));
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws Exception {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            ps.setObject(i + 1, parameters[i]);
        }
        return ps;
    }
}
