package eu.billing.customers;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. In production (the prod profile) a database must be configured: without
 * {@code QUARKUS_DATASOURCE_JDBC_URL} the service says so in one line and exits, instead of
 * failing later with a stack trace.
 */
@QuarkusMain
public class CustomersMain {

    public static void main(String... args) {
        if (isProdProfile() && !databaseConfigured()) {
            System.err.println("customers-service: no database configured; set QUARKUS_DATASOURCE_JDBC_URL "
                    + "(and QUARKUS_DATASOURCE_USERNAME / QUARKUS_DATASOURCE_PASSWORD)");
            System.exit(3);
        }
        Quarkus.run(args);
    }

    private static boolean isProdProfile() {
        String profile = System.getProperty("quarkus.profile", System.getenv("QUARKUS_PROFILE"));
        return packagedApplication() && (profile == null || profile.isBlank() || profile.equals("prod"));
    }

    /**
     * The packaged jar (loaded by Quarkus' RunnerClassLoader) or the native executable; dev mode and
     * tests load this class otherwise and configure their own database.
     */
    private static boolean packagedApplication() {
        return "runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode"))
                || CustomersMain.class.getClassLoader().getClass().getName()
                        .equals("io.quarkus.bootstrap.runner.RunnerClassLoader");
    }

    private static boolean databaseConfigured() {
        return notBlank(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"))
                || notBlank(System.getProperty("quarkus.datasource.jdbc.url"));
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
