package eu.billing.customers.platform.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The AppCDS archive {@code ./mvnw package} writes (issue 16) holds the classes of a start, not
 * only the JDK's, and the JVM can use it: started with {@code -Xshare:on}, which refuses to start on
 * an archive it cannot map, the application's own classes come from it. (It once held 90 classes, 0.9 MB:
 * the archive-making run stopped at the "no database configured" check.) This run stops at that
 * check, which is the point: it needs no database.
 */
class AppCdsArchiveIT {

    private static final Path APP = Path.of("target", "quarkus-app");

    @Test
    void theArchiveHoldsTheClassesOfAStartAndTheJvmMapsIt() throws Exception {
        Path archive = APP.resolve("app-cds.jsa");
        Assumptions.assumeTrue(Files.exists(APP.resolve("quarkus-run.jar")), "a JVM build (not -Dnative)");
        assertTrue(Files.exists(archive), "quarkus.package.jar.appcds.enabled writes " + archive);
        long size = Files.size(archive);
        assertTrue(size > 10_000_000, "the archive holds the classes of a start: " + size + " bytes");

        // the archive records the class path as the package step ran it: from the directory, quarkus-run.jar
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:on",
                "-XX:SharedArchiveFile=app-cds.jsa", "-Xlog:class+load=info", "-jar", "quarkus-run.jar")
                .directory(APP.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_DATASOURCE")); // no database: it stops early
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String tail = out.length() > 2000 ? out.substring(out.length() - 2000) : out;
        assertTrue(!out.contains("Unable to use shared archive"), tail);
        assertTrue(out.contains("no database configured"), "it ran up to the database check: " + tail);
        assertEquals(3, p.exitValue(), "the exit status of that check: " + tail);
        List<String> fromArchive = out.lines().filter(l -> l.contains("source: shared objects file (top)")).toList();
        assertTrue(fromArchive.stream().anyMatch(l -> l.contains("eu.billing.customers.CustomersMain ")),
                "the application's classes come from the application's layer of the archive: " + fromArchive.size());
    }
}
