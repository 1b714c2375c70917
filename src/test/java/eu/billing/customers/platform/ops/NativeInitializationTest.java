package eu.billing.customers.platform.ops;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Guards the native image without {@code native-image}: Quarkus initialises application classes
 * while the image is built, so a random generator in a static field would be created on the build
 * machine and its state frozen into the binary (every process would draw the same ids and API key
 * secrets; GraalVM refuses to build). Such a field may only live in a class that the {@code native}
 * Maven profile registers with {@code --initialize-at-run-time}; the rule reads that list from
 * {@code pom.xml} ({@link NativeProfile}), so the two cannot drift apart. See docs/operations.md.
 */
class NativeInitializationTest {

    private static final String BASE = "eu.billing.customers";

    @Test
    void noStaticRandomGeneratorInAClassInitialisedAtBuildTime() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
        assertTrue(production.size() > 50, "classes imported: " + production.size());
        randomGeneratorsOnlyInRunTimeInitialisedClasses(NativeProfile.runTimeInitialized()).check(production);
    }

    @Test
    void theRuleCatchesAStaticGeneratorInABuildTimeClass() {
        JavaClasses fixtures = new ClassFileImporter().importClasses(FrozenSecret.class, FrozenSplittable.class,
                RunTimeHolder.class);
        EvaluationResult result = randomGeneratorsOnlyInRunTimeInitialisedClasses(
                List.of(RunTimeHolder.class.getName())).evaluate(fixtures);
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertEquals(2, result.getFailureReport().getDetails().size(), report);
        assertTrue(report.contains(FrozenSecret.class.getName()) && report.contains(FrozenSplittable.class.getName()),
                report);
        assertFalse(report.contains(RunTimeHolder.class.getName()), report);
    }

    @Test
    void everyRunTimeInitialisedNameIsAClassOrPackageOfOurs() {
        List<String> registered = NativeProfile.runTimeInitialized();
        assertFalse(registered.isEmpty(), NativeProfile.BUILD_ARGS + " registers nothing for run-time init");
        List<String> unknown = new ArrayList<>();
        for (String name : registered) {
            boolean isPackage = Files.isDirectory(Path.of("target", "classes", name.replace('.', '/')));
            if (!isPackage && !loads(name)) {
                unknown.add(name);
            }
        }
        assertEquals(List.of(), unknown, "registered for run-time initialisation but no such class or package "
                + "(moved or renamed?)");
    }

    @Test
    void theNativeBuildSettingsLiveOnlyInTheNativeProfile() throws IOException {
        Properties application = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            application.load(in);
        }
        List<String> elsewhere = application.stringPropertyNames().stream()
                .filter(k -> k.endsWith(NativeProfile.BUILD_ARGS) || k.endsWith(NativeProfile.MARCH)).toList();
        assertEquals(List.of(), elsewhere, "set these in the native profile of pom.xml only: a second place "
                + "would silently replace the list this test reads");
        assertTrue(NativeProfile.properties().containsKey(NativeProfile.MARCH),
                "set " + NativeProfile.MARCH + " deliberately (docs/operations.md)");
    }

    static ArchRule randomGeneratorsOnlyInRunTimeInitialisedClasses(List<String> runTimeInitialized) {
        return fields().that().areStatic()
                .and().haveRawType(assignableTo(Random.class).or(assignableTo(SplittableRandom.class)))
                .should(beDeclaredInAClassInitialisedAtRunTime(runTimeInitialized))
                .allowEmptyShould(true)
                .because("a generator created while the native image is built has its state frozen into the "
                        + "binary; keep it in a holder class registered with " + NativeProfile.RUN_TIME_INIT
                        + " in the native profile of pom.xml");
    }

    private static ArchCondition<JavaField> beDeclaredInAClassInitialisedAtRunTime(List<String> registered) {
        return new ArchCondition<>("be declared in a class registered for run-time initialisation " + registered) {
            @Override
            public void check(JavaField field, ConditionEvents events) {
                String owner = field.getOwner().getName();
                boolean ok = NativeProfile.initializedAtRunTime(owner, registered);
                events.add(new SimpleConditionEvent(field, ok, field.getFullName() + " is a static "
                        + field.getRawType().getSimpleName() + " in " + owner + ", which "
                        + (ok ? "is" : "is not") + " initialised at run time"));
            }
        };
    }

    private static boolean loads(String name) {
        try {
            Class.forName(name, false, NativeInitializationTest.class.getClassLoader());
            return name.startsWith(BASE + ".");
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Fixtures for the rule: what it must catch, and what it must let through. */
    static final class FrozenSecret {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    static final class FrozenSplittable {
        static final SplittableRandom RANDOM = new SplittableRandom();
    }

    static final class RunTimeHolder {
        static final Random RANDOM = new SecureRandom();
    }
}
