package eu.billing.customers.tax.register;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The EU VIES REST API: where it is; how long to wait for it, how hard to retry it and when to leave
 * a member state alone are the settings every register has ({@link RegisterConfig}).
 */
@ConfigMapping(prefix = "customers.vies")
public interface ViesConfig extends RegisterConfig {

    /** Base URL of the VIES REST API ({@code CUSTOMERS_VIES_BASE_URL}). */
    @WithDefault("https://ec.europa.eu/taxation_customs/vies/rest-api")
    String baseUrl();
}
