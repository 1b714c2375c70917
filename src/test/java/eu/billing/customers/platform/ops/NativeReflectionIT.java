package eu.billing.customers.platform.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native build check that needs no GraalVM: reads the reflection configuration that
 * {@code ./mvnw package -Dnative -Dquarkus.native.sources-only=true} generates
 * ({@code target/native-sources/*-runner.jar!/META-INF/native-image/reflect-config.json}) and
 * fails when a class that JSON reads or writes is not registered for reflection with its
 * constructors, methods and fields.
 *
 * <p>The classes that need it: every class annotated {@link RegisterForReflection}, every record
 * and enum of an API package ({@code *.rest}, {@code common.problem}), and,
 * transitively, every type of ours that such a record holds (record components, list elements,
 * map values): enums such as {@code CustomerStatus}, nested records such as
 * {@code ListEnvelope.Pagination}. A new response record that forgets
 * {@code @RegisterForReflection} therefore fails here.
 *
 * <p>It also fails when a class that the running image looks up by name is not registered with its
 * constructors: every class a configuration property names ({@code application.properties}, in any
 * profile, directly or as a Jackson naming-strategy constant such as {@code SNAKE_CASE}, which
 * Quarkus turns into a class name at build time and loads with {@code Class.forName} at run time),
 * and every provider of ours in {@code META-INF/services}. And it checks that the native-image
 * arguments carry the native profile's run-time initialised classes and {@code -march}.
 *
 * <p>Skipped (not failed) when there are no native sources, or when they are older than the
 * compiled classes, so that a plain {@code ./mvnw verify} is unaffected; CI runs it right after
 * the sources-only build (see docs/operations.md).
 */
class NativeReflectionIT {

    private static final String BASE_PACKAGE = "eu.billing.customers.";
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path NATIVE_SOURCES = Path.of("target", "native-sources");
    private static final Path RESOURCES = Path.of("src", "main", "resources");
    /** A fully qualified class name ({@code $} for nested classes), as configuration values name them. */
    private static final Pattern CLASS_NAME = Pattern.compile("([a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*");
    private static final List<String> FULL = List.of(
            "allDeclaredConstructors", "allDeclaredMethods", "allDeclaredFields");

    private static Map<String, JsonNode> registered;

    @BeforeAll
    static void readNativeSources() throws IOException {
        Path runner = nativeSourcesJar();
        Assumptions.assumeTrue(runner != null, "no native sources: run ./mvnw package -Dnative "
                + "-Dquarkus.native.sources-only=true first");
        Assumptions.assumeTrue(Files.getLastModifiedTime(runner).compareTo(newestClass()) >= 0,
                "the native sources are older than target/classes: rebuild them");
        registered = reflectionConfig(runner);
    }

    @Test
    void everyJsonTypeIsRegisteredForReflection() {
        Set<String> required = jsonTypes();
        assertTrue(required.size() >= 15, "found too few JSON types, the scan is broken: " + required);
        List<String> problems = missing(required, registered);
        assertEquals(List.of(), problems, "not (fully) registered for reflection in the native build; "
                + "annotate them with @RegisterForReflection");
    }

    @Test
    void theCheckCatchesAMissingRegistration() {
        Set<String> required = jsonTypes();
        Map<String, JsonNode> withoutView = new HashMap<>(registered);
        withoutView.remove("eu.billing.customers.customer.view.CustomerView");
        withoutView.remove("eu.billing.customers.customer.CustomerStatus");
        List<String> problems = missing(required, withoutView);
        assertTrue(problems.contains("eu.billing.customers.customer.view.CustomerView: not registered"), problems.toString());
        assertTrue(problems.contains("eu.billing.customers.customer.CustomerStatus: not registered"), problems.toString());
    }

    @Test
    void everyClassNamedInConfigurationIsRegisteredForReflection() throws IOException {
        Map<String, String> named = classesNamedInConfiguration();
        assertTrue(named.containsValue("com.fasterxml.jackson.databind.PropertyNamingStrategies$SnakeCaseStrategy"),
                "the scan misses the naming strategy: " + named);
        List<String> problems = unregisteredByName(named, registered);
        assertEquals(List.of(), problems, "looked up by name at run time but not registered for reflection with "
                + "its constructors; register it (@RegisterForReflection(targets = ...))");
    }

    @Test
    void theNameCheckCatchesAMissingRegistration() throws IOException {
        Map<String, JsonNode> withoutStrategy = new HashMap<>(registered);
        withoutStrategy.remove("com.fasterxml.jackson.databind.PropertyNamingStrategies$SnakeCaseStrategy");
        List<String> problems = unregisteredByName(classesNamedInConfiguration(), withoutStrategy);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("quarkus.jackson.property-naming-strategy")),
                problems.toString());
    }

    @Test
    void theNativeImageArgumentsCarryTheNativeProfile() throws IOException {
        Path args = NATIVE_SOURCES.resolve("native-image.args");
        Assumptions.assumeTrue(Files.exists(args), "no native-image.args");
        String text = Files.readString(args);
        for (String name : NativeProfile.runTimeInitialized()) {
            assertTrue(text.contains(NativeProfile.RUN_TIME_INIT + name) || text.contains("," + name),
                    name + " is not registered for run-time initialisation in " + args);
        }
        String march = NativeProfile.properties().get(NativeProfile.MARCH);
        assertTrue(march != null && text.contains("-march=" + march), "-march=" + march + " not in " + args);
    }

    @Test
    void theEmbeddedDatabaseLibraryIsNotInTheImage() throws IOException {
        try (Stream<Path> lib = Files.list(NATIVE_SOURCES.resolve("lib"))) {
            List<String> jars = lib.map(f -> f.getFileName().toString()).toList();
            assertTrue(jars.size() > 50, "the image class path was not found: " + jars);
            assertEquals(List.of(), jars.stream().filter(j -> j.startsWith("io.zonky")).toList(),
                    "the embedded PostgreSQL is for dev mode and tests only (provided scope)");
        }
        assertEquals(List.of(), registered.keySet().stream().filter(n -> n.startsWith("io.zonky")).toList());
    }

    /**
     * Classes the image loads by name, by where they are named: configuration values that are class
     * names, Jackson naming-strategy constants resolved the way Quarkus resolves them, and the
     * providers in our META-INF/services files.
     */
    static Map<String, String> classesNamedInConfiguration() throws IOException {
        Map<String, String> named = new TreeMap<>();
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(RESOURCES.resolve("application.properties"))) {
            properties.load(in);
        }
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).strip();
            if (CLASS_NAME.matcher(value).matches() && loads(value)) {
                named.put(key, value);
            } else if (key.endsWith("jackson.property-naming-strategy")) {
                named.put(key, namingStrategyClass(value));
            }
        }
        Path services = RESOURCES.resolve("META-INF").resolve("services");
        if (Files.isDirectory(services)) {
            try (Stream<Path> files = Files.list(services)) {
                for (Path file : files.toList()) {
                    for (String line : Files.readAllLines(file)) {
                        String provider = line.replaceAll("#.*", "").strip();
                        if (!provider.isEmpty()) {
                            named.put("META-INF/services/" + file.getFileName(), provider);
                        }
                    }
                }
            }
        }
        return named;
    }

    /** What Quarkus does with quarkus.jackson.property-naming-strategy: a constant's class, or the class named. */
    private static String namingStrategyClass(String value) {
        try {
            return PropertyNamingStrategies.class.getField(value).get(null).getClass().getName();
        } catch (ReflectiveOperationException e) {
            return value;
        }
    }

    /** Problems of the classes named by configuration in a reflection configuration; empty when all is well. */
    static List<String> unregisteredByName(Map<String, String> named, Map<String, JsonNode> config) {
        return named.entrySet().stream().flatMap(e -> {
            JsonNode entry = config.get(e.getValue());
            if (entry == null) {
                return Stream.of(e.getKey() + " names " + e.getValue() + ": not registered");
            }
            boolean constructors = entry.path("allDeclaredConstructors").asBoolean(false)
                    || entry.path("allPublicConstructors").asBoolean(false);
            for (JsonNode method : entry.path("methods")) {
                constructors |= "<init>".equals(method.path("name").asText());
            }
            return constructors ? Stream.empty()
                    : Stream.of(e.getKey() + " names " + e.getValue() + ": registered without its constructors");
        }).toList();
    }

    private static boolean loads(String name) {
        try {
            Class.forName(name, false, NativeReflectionIT.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The classes of ours that JSON reads or writes (see the class comment). */
    static Set<String> jsonTypes() {
        Set<String> found = new TreeSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        for (Class<?> c : compiledClasses()) {
            String pkg = c.getPackageName() + ".";
            // common.page also holds Cursor and PageRequest, which never meet JSON: its envelopes
            // are covered by their annotation.
            boolean apiPackage = pkg.contains(".rest.") || pkg.endsWith(".common.problem.");
            RegisterForReflection registration = c.getAnnotation(RegisterForReflection.class);
            // with targets, the annotation registers the targets, not the annotated class
            boolean registersItself = registration != null && registration.targets().length == 0
                    && registration.classNames().length == 0;
            if (registersItself || apiPackage && (c.isRecord() || c.isEnum())) {
                todo.add(c);
            }
        }
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!c.getName().startsWith(BASE_PACKAGE) || !found.add(c.getName())) {
                continue;
            }
            if (c.isRecord()) {
                for (RecordComponent component : c.getRecordComponents()) {
                    collect(component.getGenericType(), todo);
                }
            }
        }
        return found;
    }

    /** Problems of the required classes in a reflection configuration; empty when all is well. */
    static List<String> missing(Set<String> required, Map<String, JsonNode> config) {
        return required.stream().flatMap(name -> {
            JsonNode entry = config.get(name);
            if (entry == null) {
                return Stream.of(name + ": not registered");
            }
            List<String> absent = FULL.stream().filter(flag -> !entry.path(flag).asBoolean(false)).toList();
            return absent.isEmpty() ? Stream.empty() : Stream.of(name + ": registered without " + absent);
        }).toList();
    }

    private static void collect(Type type, Deque<Class<?>> todo) {
        if (type instanceof Class<?> c) {
            todo.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), todo);
            for (Type argument : p.getActualTypeArguments()) {
                collect(argument, todo);
            }
        } else if (type instanceof GenericArrayType a) {
            collect(a.getGenericComponentType(), todo);
        }
    }

    private static List<Class<?>> compiledClasses() {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> CLASSES.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(name -> name.startsWith(BASE_PACKAGE) && !name.contains("$$"))
                    .map(NativeReflectionIT::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NativeReflectionIT.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path nativeSourcesJar() throws IOException {
        if (!Files.isDirectory(NATIVE_SOURCES)) {
            return null;
        }
        try (Stream<Path> files = Files.list(NATIVE_SOURCES)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst().orElse(null);
        }
    }

    private static FileTime newestClass() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            return files.filter(Files::isRegularFile).map(f -> {
                try {
                    return Files.getLastModifiedTime(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).max(FileTime::compareTo).orElse(FileTime.fromMillis(0));
        }
    }

    /** Every reflect-config.json under META-INF/native-image of the runner jar, by class name. */
    private static Map<String, JsonNode> reflectionConfig(Path runner) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> byName = new HashMap<>();
        try (ZipFile zip = new ZipFile(runner.toFile())) {
            List<? extends ZipEntry> configs = zip.stream()
                    .filter(e -> e.getName().startsWith("META-INF/native-image/")
                            && e.getName().endsWith("reflect-config.json"))
                    .toList();
            assertFalse(configs.isEmpty(), "no reflect-config.json in " + runner);
            for (ZipEntry entry : configs) {
                try (InputStream in = zip.getInputStream(entry)) {
                    for (JsonNode node : mapper.readTree(in)) {
                        byName.merge(node.path("name").asText(), node, NativeReflectionIT::union);
                    }
                }
            }
        }
        return byName;
    }

    /** The same class may be registered several times; the flags add up. */
    private static JsonNode union(JsonNode a, JsonNode b) {
        var merged = a.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) merged).setAll(
                (com.fasterxml.jackson.databind.node.ObjectNode) b.deepCopy());
        for (String flag : FULL) {
            if (a.path(flag).asBoolean(false) || b.path(flag).asBoolean(false)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) merged).put(flag, true);
            }
        }
        return merged;
    }
}
