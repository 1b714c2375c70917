package eu.billing.customers.platform.ops;

import org.jboss.logging.Logger;

import io.quarkus.runtime.QuarkusApplication;

/**
 * The {@code migrate} command: the Kubernetes migration Job runs the image as
 * {@code <binary or java -jar quarkus-run.jar> migrate}. Quarkus boots with Liquibase at start
 * forced on (Liquibase migrates, then Hibernate validates the new schema), without the HTTP
 * listener and the scheduler, and exits 0 as soon as start-up is over; a failed migration fails
 * start-up and exits 1. Serving replicas run with {@code QUARKUS_LIQUIBASE_MIGRATE_AT_START=false}.
 */
public class MigrateOnly implements QuarkusApplication {

    /** The first command-line argument that selects this mode. */
    public static final String COMMAND = "migrate";

    private static final Logger LOG = Logger.getLogger(MigrateOnly.class);

    /**
     * Configuration for the migrate-only run, set as system properties before Quarkus boots (system
     * properties outrank application.properties and environment variables).
     */
    public static void configure() {
        System.setProperty("quarkus.liquibase.migrate-at-start", "true");
        System.setProperty("quarkus.liquibase.validate-on-migrate", "true");
        System.setProperty("quarkus.http.host-enabled", "false");
        System.setProperty("quarkus.scheduler.enabled", "false");
        System.setProperty("customers.dev-seed.enabled", "false");
    }

    @Override
    public int run(String... args) {
        LOG.info("migrations applied and schema validated; exiting (migrate mode)");
        return 0;
    }
}
