package eu.billing.customers.platform.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.junit.jupiter.api.Test;

/**
 * Every resource class with a write under /v1 (but /v1/admin) carries {@link IdempotentWrites}, so
 * that its writes sent with an Idempotency-Key store their answer in their own transaction. (Without
 * it the answer would still be stored, after the change, and a warning logged.)
 */
class IdempotencyCoverageTest {

    @Test
    void everyResourceWithWritesIsIdempotent() throws Exception {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Class<?> type : mainClasses()) {
            jakarta.ws.rs.Path path = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (path == null || !path.value().startsWith("/v1/") || path.value().startsWith("/v1/admin")) {
                continue;
            }
            boolean writes = Stream.of(type.getDeclaredMethods()).anyMatch(IdempotencyCoverageTest::writes);
            if (writes) {
                checked++;
                if (!type.isAnnotationPresent(IdempotentWrites.class)) {
                    missing.add(type.getName() + ": add @IdempotentWrites (platform.idempotency)");
                }
            }
        }
        assertTrue(checked >= 5, "resource classes with writes: " + checked);
        assertEquals(List.of(), missing);
    }

    private static boolean writes(Method m) {
        return m.isAnnotationPresent(POST.class) || m.isAnnotationPresent(PUT.class) || m.isAnnotationPresent(PATCH.class)
                || m.isAnnotationPresent(DELETE.class);
    }

    private static List<Class<?>> mainClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of("target", "classes");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.startsWith("eu.billing.customers.")) {
                    classes.add(Class.forName(name, false, IdempotencyCoverageTest.class.getClassLoader()));
                }
            }
        }
        return classes;
    }
}
