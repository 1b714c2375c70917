package eu.billing.customers.tax.register;

import io.smallrye.config.ConfigMapping;

/** The Brønnøysund Register Centre's open Enhetsregisteret API (no_vat). */
@ConfigMapping(prefix = "customers.brreg")
public interface BrregConfig extends RegisterConfig {

    /** Base URL ({@code CUSTOMERS_BRREG_BASE_URL}; default in application.properties); units are read from {@code <base>/enhetsregisteret/api/enheter/{orgnr}}. */
    String baseUrl();
}
