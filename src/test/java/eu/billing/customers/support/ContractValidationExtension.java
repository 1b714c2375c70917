package eu.billing.customers.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Installs {@link ContractValidation} before every test class and test of the suite: registered
 * for all of them through {@code META-INF/services} (JUnit's extension auto-detection, which
 * quarkus-junit's {@code junit-platform.properties} turns on), so no test can forget it.
 *
 * <p>A {@code @QuarkusTest} class runs in Quarkus's own class loader, with its own copy of REST
 * Assured: the filter is installed through the test class's loader, so that it lands in the copy
 * the test uses, whichever that is.
 */
public class ContractValidationExtension implements BeforeAllCallback, BeforeEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        install(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        install(context);
    }

    private static void install(ExtensionContext context) throws Exception {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        Class.forName(ContractValidation.class.getName(), true, loader).getMethod("install").invoke(null);
    }
}
