package eu.billing.customers.platform.devdb;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * In dev mode without a configured {@code quarkus.datasource.jdbc.url}, starts the embedded
 * PostgreSQL and points the datasource at it. Any other profile, or a configured URL, leaves the
 * configuration untouched.
 *
 * <p>Quarkus instantiates this factory in every build, the native image included, so the embedded
 * database must be unreachable there by construction, not only by the profile check at run time:
 * see {@link #NATIVE_IMAGE}.
 */
public class DevDatabaseConfigSourceFactory implements ConfigSourceFactory {

    private static final String JDBC_URL = "quarkus.datasource.jdbc.url";

    /**
     * True in the native image builder and in the binary (GraalVM sets this documented property,
     * {@code ImageInfo.PROPERTY_IMAGE_CODE_KEY}, in both). This class is initialised while the image
     * is built, so the field is a constant there and native-image drops the branch that links to
     * the embedded-database library (a {@code provided} dependency, absent from the image). On a
     * JVM the property is unset.
     */
    private static final boolean NATIVE_IMAGE = System.getProperty("org.graalvm.nativeimage.imagecode") != null;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (NATIVE_IMAGE || !context.getProfiles().contains("dev")) {
            return List.of();
        }
        ConfigValue configured = context.getValue(JDBC_URL);
        if (configured != null && configured.getValue() != null && !configured.getValue().isBlank()) {
            return List.of();
        }
        if (!EmbeddedPostgres.available()) {
            return List.of();
        }
        String url = EmbeddedPostgres.startOrReuse();
        return List.of(new PropertiesConfigSource(Map.of(
                JDBC_URL, url,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"), "embedded-postgres", 150));
    }
}
