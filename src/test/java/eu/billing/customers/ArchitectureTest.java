package eu.billing.customers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The dependency rules of the code base (README, "Layout"), checked on the compiled main classes:
 * <ul>
 * <li>no cycle between feature packages, nor between the modules of {@code platform};</li>
 * <li>features depend in one direction: platform &lt;- events &lt;- customfield &lt;- customer &lt;-
 * {wallet, tax} &lt;- merge;</li>
 * <li>a {@code rest} package is used by nothing outside itself: services never see the JSON
 * records, and no feature uses another's API records; a {@code view} package (a representation
 * several features answer, such as {@code customer.view.CustomerView}) is used only by
 * {@code rest} packages;</li>
 * <li>an entity's fields are written only by its own feature (the customers row has one writer).</li>
 * </ul>
 */
@AnalyzeClasses(packages = ArchitectureTest.BASE, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String BASE = "eu.billing.customers";

    @ArchTest
    static final ArchRule noCycleBetweenFeatures = slices().matching(BASE + ".(*)..").namingSlices("$1")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCycleBetweenPlatformModules = slices()
            .matching(BASE + ".platform.(tenancy|ratelimit|queue|audit|ops)..").namingSlices("platform.$1")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule featuresDependOneWay = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("platform").definedBy(BASE + ".platform..")
            .layer("events").definedBy(BASE + ".events..")
            .layer("customfield").definedBy(BASE + ".customfield..")
            .layer("customer").definedBy(BASE + ".customer..")
            .layer("wallet").definedBy(BASE + ".wallet..")
            .layer("tax").definedBy(BASE + ".tax..")
            .layer("merge").definedBy(BASE + ".merge..")
            .whereLayer("merge").mayNotBeAccessedByAnyLayer()
            .whereLayer("wallet").mayOnlyBeAccessedByLayers("merge")
            .whereLayer("tax").mayOnlyBeAccessedByLayers("merge")
            .whereLayer("customer").mayOnlyBeAccessedByLayers("wallet", "tax", "merge")
            .whereLayer("customfield").mayOnlyBeAccessedByLayers("customer", "wallet", "tax", "merge")
            .whereLayer("events").mayOnlyBeAccessedByLayers("customfield", "customer", "wallet", "tax", "merge");

    @ArchTest
    static final ArchRule restPackagesAreUsedOnlyByThemselves = noClasses()
            .should(dependOnARestPackageOtherThanTheirOwn());

    @ArchTest
    static final ArchRule viewPackagesAreUsedOnlyByRestPackages = noClasses()
            .should(dependOnAViewPackageOutsideARestPackage());

    @ArchTest
    static final ArchRule entitiesAreWrittenOnlyByTheirFeature = noClasses()
            .should(writeAFieldOfAnotherFeaturesEntity());

    /** {@code a.b.customer.rest} for any class of {@code a.b.customer.rest..}; null outside a rest package. */
    static String restPackage(String packageName) {
        return layerPackage(packageName, "rest");
    }

    /** The enclosing package named {@code layer} ({@code rest}, {@code view}) of a package; null if none. */
    static String layerPackage(String packageName, String layer) {
        int at = (packageName + ".").indexOf("." + layer + ".");
        return at < 0 ? null : packageName.substring(0, at + layer.length() + 1);
    }

    /** The feature a class belongs to: {@code customer}, {@code tax}, ...; {@code platform.tenancy}, ... */
    static String feature(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(BASE + ".")) {
            return name;
        }
        String[] parts = name.substring(BASE.length() + 1).split("\\.");
        return parts[0].equals("platform") && parts.length > 1 ? "platform." + parts[1] : parts[0];
    }

    static ArchCondition<JavaClass> dependOnARestPackageOtherThanTheirOwn() {
        return new ArchCondition<>("depend on a rest package other than their own") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = restPackage(origin.getPackageName());
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    String rest = restPackage(target);
                    if (target.startsWith(BASE + ".") && rest != null && !rest.equals(own)) {
                        events.add(SimpleConditionEvent.satisfied(d, d.getDescription()));
                    }
                }
            }
        };
    }

    static ArchCondition<JavaClass> dependOnAViewPackageOutsideARestPackage() {
        return new ArchCondition<>("depend on a view package without being in a rest package or that view package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = layerPackage(origin.getPackageName(), "view");
                boolean rest = restPackage(origin.getPackageName()) != null;
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    String view = layerPackage(target, "view");
                    if (target.startsWith(BASE + ".") && view != null && !rest && !view.equals(own)) {
                        events.add(SimpleConditionEvent.satisfied(d, d.getDescription()));
                    }
                }
            }
        };
    }

    static ArchCondition<JavaClass> writeAFieldOfAnotherFeaturesEntity() {
        return new ArchCondition<>("write a field of another feature's entity") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (JavaFieldAccess access : origin.getFieldAccessesFromSelf()) {
                    JavaClass owner = access.getTargetOwner();
                    if (access.getAccessType() == JavaFieldAccess.AccessType.SET
                            && owner.isAnnotatedWith("jakarta.persistence.Entity")
                            && !feature(owner).equals(feature(origin))) {
                        events.add(SimpleConditionEvent.satisfied(access, access.getDescription()));
                    }
                }
            }
        };
    }
}
