package eu.billing.customers.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The artifact that {@code @QuarkusIntegrationTest} launched (from
 * {@code target/quarkus-artifact.properties}): the jar, or the native executable under
 * {@code -Dnative}. Lets tests start it again as a plain subprocess.
 */
public final class PackagedArtifact {

    private static final Path TARGET = Path.of("target");

    private PackagedArtifact() {
    }

    /** The command line that starts the artifact with the given arguments. */
    public static List<String> command(String... args) {
        return command(List.of(), args);
    }

    /**
     * The command line with JVM options (such as {@code -Xmx256m}; a native executable takes the
     * same heap options at run time) before the arguments.
     */
    public static List<String> command(List<String> jvmOptions, String... args) {
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(TARGET.resolve("quarkus-artifact.properties"))) {
            artifact.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no packaged application: run ./mvnw verify", e);
        }
        Path path = TARGET.resolve(artifact.getProperty("path")).toAbsolutePath();
        List<String> command = new ArrayList<>();
        if ("native".equals(artifact.getProperty("type"))) {
            command.add(path.toString());
            command.addAll(jvmOptions);
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(path.toString());
        }
        command.addAll(List.of(args));
        return command;
    }

    /** The log of the application launched by {@code @QuarkusIntegrationTest}. */
    public static Path log() {
        return TARGET.resolve("quarkus.log");
    }
}
