package eu.billing.customers;

import java.util.Arrays;

import eu.billing.customers.platform.ops.HealthProbe;
import eu.billing.customers.platform.ops.MigrateOnly;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the jar and the native binary. The first argument selects a command:
 * <ul>
 * <li>none: the HTTP service;</li>
 * <li>{@code healthcheck [--url URL] [--timeout 2s]}: the readiness probe for container
 * {@code HEALTHCHECK}s ({@link HealthProbe}); it runs before, and instead of, Quarkus: no
 * configuration, no database, no migrations;</li>
 * <li>{@code migrate}: applies the Liquibase migrations and exits, for the Kubernetes migration
 * Job ({@link MigrateOnly}).</li>
 * </ul>
 * In production (the prod profile) a database must be configured: without
 * {@code QUARKUS_DATASOURCE_JDBC_URL} the service says so in one line and exits, instead of
 * failing later with a stack trace.
 */
@QuarkusMain
public class CustomersMain {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals(HealthProbe.COMMAND)) {
            System.exit(HealthProbe.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        // The AppCDS archive is made by a run that stops before anything connects
        // (quarkus.appcds.generate): it must get past this check to load the classes of a start.
        if (isProdProfile() && !databaseConfigured() && !Boolean.getBoolean("quarkus.appcds.generate")) {
            System.err.println("customers-service: no database configured; set QUARKUS_DATASOURCE_JDBC_URL "
                    + "(and QUARKUS_DATASOURCE_USERNAME / QUARKUS_DATASOURCE_PASSWORD)");
            System.exit(3);
        }
        // Liquibase writes its progress and summary straight to stdout; send them through the
        // logging instead, so that the prod log stays one JSON object per line.
        setIfAbsent("liquibase.uiService", "LOGGER");
        setIfAbsent("liquibase.command.showSummaryOutput", "LOG");
        if (args.length > 0 && args[0].equals(MigrateOnly.COMMAND)) {
            MigrateOnly.configure();
            Quarkus.run(MigrateOnly.class, Arrays.copyOfRange(args, 1, args.length));
            return;
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

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
