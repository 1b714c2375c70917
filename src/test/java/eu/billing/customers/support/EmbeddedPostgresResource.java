package eu.billing.customers.support;

import java.util.Map;

import eu.billing.customers.platform.devdb.EmbeddedPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives every test (and the packaged application under @QuarkusIntegrationTest) a real
 * PostgreSQL: the one named by QUARKUS_DATASOURCE_JDBC_URL when set, else an embedded server
 * started once per test JVM.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String configured = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty("quarkus.datasource.jdbc.url");
        }
        if (configured != null && !configured.isBlank()) {
            return Map.of();
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", EmbeddedPostgres.startOrReuse(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        // one server for the whole test JVM; it stops with the JVM
    }
}
