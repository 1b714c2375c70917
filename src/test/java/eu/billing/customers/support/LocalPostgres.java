package eu.billing.customers.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server from the installed server binaries ({@code pg_config --bindir},
 * or {@code PG_BIN}; PostgreSQL 15 on our machines), for the tests that must stop and start the
 * database under the service: initdb into a temporary directory, trust authentication on
 * 127.0.0.1 only, a free port, {@code pg_ctl} to start and stop it. Run as the {@code postgres}
 * OS user when the tests run as root (initdb refuses root). The directory is removed when the JVM
 * exits, unless {@code -Dreliability.keep=true}.
 */
public final class LocalPostgres {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    private final Path bin;
    private final Path work;
    private final Path data;
    private final int port;

    private LocalPostgres(Path bin, Path work, int port) {
        this.bin = bin;
        this.work = work;
        this.data = work.resolve("pgdata");
        this.port = port;
    }

    /** initdb and start; {@code settings} are extra postgresql.conf lines. */
    public static LocalPostgres start(String... settings) throws Exception {
        Path bin = binaries();
        Path work = Files.createTempDirectory("customers-postgres-");
        // the postgres user must reach the data and socket directories inside it
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        LocalPostgres pg = new LocalPostgres(bin, work, freePort());
        Files.createDirectories(pg.data);
        Files.createDirectories(work.resolve("pgsock"));
        if (runningAsRoot()) {
            UserPrincipal postgres = work.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(pg.data, postgres);
            Files.setOwner(work.resolve("pgsock"), postgres);
        }
        pg.run(work.resolve("initdb.log"), bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--locale=C");
        List<String> conf = new ArrayList<>(List.of("listen_addresses = '127.0.0.1'", "port = " + pg.port,
                "unix_socket_directories = '" + work.resolve("pgsock") + "'"));
        conf.addAll(List.of(settings));
        Files.write(pg.data.resolve("postgresql.conf"), conf, java.nio.file.StandardOpenOption.APPEND);
        Runtime.getRuntime().addShutdownHook(new Thread(pg::destroy, "local-postgres-stop"));
        pg.startServer();
        return pg;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    /** {@code pg_ctl start}, waiting until the server accepts connections. */
    public void startServer() throws Exception {
        run(work.resolve("pg_ctl.log"), bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                data.resolve("server.log").toString(), "-w", "-t", "60", "start");
    }

    /** {@code pg_ctl stop -m fast}: sessions are terminated, as in a real restart. */
    public void stopServer() throws Exception {
        run(work.resolve("pg_ctl.log"), bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w",
                "-t", "60", "stop");
    }

    private void destroy() {
        try {
            run(work.resolve("pg_ctl.log"), bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m",
                    "immediate", "-w", "-t", "30", "stop");
        } catch (Exception e) {
            // already stopped
        }
        if (Boolean.getBoolean("reliability.keep")) {
            System.out.println("kept " + work);
            return;
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }

    private void run(Path log, String... command) throws Exception {
        List<String> line = new ArrayList<>();
        if (runningAsRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", line));
        }
        if (p.exitValue() != 0) {
            String serverLog = Files.exists(data.resolve("server.log")) ? Files.readString(data.resolve("server.log")) : "";
            throw new IllegalStateException("failed (" + p.exitValue() + "): " + String.join(" ", line) + "\n"
                    + Files.readString(log) + serverLog);
        }
    }

    private static Path binaries() {
        String configured = System.getenv("PG_BIN");
        if (configured == null || configured.isBlank()) {
            configured = pgConfigBindir();
        }
        Path bin = Path.of(configured == null ? "/usr/lib/postgresql/15/bin" : configured);
        if (!Files.isExecutable(bin.resolve("initdb"))) {
            throw new IllegalStateException("PostgreSQL server binaries not found in " + bin
                    + ": install them (Debian: postgresql-15), set PG_BIN, or set QUARKUS_DATASOURCE_JDBC_URL");
        }
        return bin;
    }

    private static String pgConfigBindir() {
        try {
            Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null; // pg_config not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
