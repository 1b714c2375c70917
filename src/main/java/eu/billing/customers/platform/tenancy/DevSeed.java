package eu.billing.customers.platform.tenancy;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Dev mode: seeds one organization with a known API key and prints the key. */
@Singleton
public class DevSeed {

    private static final Logger LOG = Logger.getLogger(DevSeed.class);

    void onStart(@Observes StartupEvent event, TenancyConfig config, Organizations organizations) {
        if (!config.devSeed().enabled() || config.devSeed().apiKey().isEmpty()) {
            return;
        }
        String key = config.devSeed().apiKey().get();
        organizations.ensureSeeded(key, config.devSeed().organizationName(), config.devSeed().defaultCurrency());
        LOG.infof("Dev organization %s ready. API key: %s", ApiKeys.organizationOf(key).orElseThrow(), key);
        config.adminToken().ifPresent(t -> LOG.infof("Admin token (for /v1/admin): %s", t));
    }
}
