package eu.billing.customers.tax.register;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Brønnøysund Register Centre's open Enhetsregisteret API (no_vat). */
@ConfigMapping(prefix = "customers.brreg")
public interface BrregConfig extends RegisterConfig {

    /** Base URL ({@code CUSTOMERS_BRREG_BASE_URL}); units are read from {@code <base>/enhetsregisteret/api/enheter/{orgnr}}. */
    @WithDefault("https://data.brreg.no")
    String baseUrl();
}
