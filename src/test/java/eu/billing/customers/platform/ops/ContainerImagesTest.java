package eu.billing.customers.platform.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The Dockerfiles (no Docker engine here to build them): each final stage runs as a non-root
 * user, exposes 8080 and has a HEALTHCHECK that runs the artifact's own {@code healthcheck}
 * command (the native images have no curl).
 */
class ContainerImagesTest {

    private static final Path DOCKER = Path.of("src", "main", "docker");

    @Test
    void imagesRunAsNonRootWithTheCliHealthcheck() throws IOException {
        for (String file : List.of("Dockerfile.jvm", "Dockerfile.native", "Dockerfile.native-build")) {
            List<String> lines = Files.readAllLines(DOCKER.resolve(file)).stream()
                    .map(String::strip).filter(l -> !l.startsWith("#")).toList();
            List<String> finalStage = lines.subList(lastIndexStartingWith(lines, "FROM "), lines.size());
            String user = finalStage.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError(file + ": no USER")).substring(5).strip();
            assertFalse(user.equals("root") || user.equals("0"), file + ": runs as " + user);
            assertTrue(finalStage.contains("EXPOSE 8080"), file);
            String joined = String.join("\n", finalStage);
            assertTrue(joined.matches("(?s).*HEALTHCHECK [^\\n]*\\\\\\n\\s*CMD \\[[^\\]]*\"healthcheck\".*"),
                    file + ": HEALTHCHECK with the CLI probe");
        }
        assertTrue(Files.readString(DOCKER.resolve("Dockerfile.native")).contains("ubi9-quarkus-micro-image"));
        String build = Files.readString(DOCKER.resolve("Dockerfile.native-build"));
        assertTrue(build.contains("ubi9-quarkus-mandrel-builder-image") && build.contains("-Dnative"));
        assertEquals(2, build.lines().filter(l -> l.startsWith("FROM ")).count(), "multi-stage");
    }

    private static int lastIndexStartingWith(List<String> lines, String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no " + prefix);
    }
}
