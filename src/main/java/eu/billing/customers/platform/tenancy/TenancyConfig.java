package eu.billing.customers.platform.tenancy;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Authentication and bootstrap settings. */
@ConfigMapping(prefix = "customers")
public interface TenancyConfig {

    /**
     * Token that allows the /v1/admin routes ({@code CUSTOMERS_ADMIN_TOKEN}). Unset (the production
     * default): the admin routes answer 401.
     */
    Optional<String> adminToken();

    /** Dev-mode seed: one organization whose API key is known in advance. */
    DevSeed devSeed();

    /** API keys ({@code customers.api-keys.*}). */
    ApiKeys apiKeys();

    interface ApiKeys {
        /**
         * How long a replica may use a key it resolved before reading it again: the bound on how
         * late a revocation made on another replica takes effect here. Capped at 5 s.
         */
        @WithDefault("PT2S")
        Duration cacheMaxAge();
    }

    /** Defaults of the organizations' VAT settings ({@code customers.vat.*}). */
    Vat vat();

    interface Vat {
        /** An organization's manual_override_max_ttl while it has not set one. */
        @WithDefault("P365D")
        Duration defaultOverrideMaxTtl();
    }

    interface DevSeed {
        /** Whether to seed the organization at start (dev profile only). */
        @WithDefault("false")
        boolean enabled();

        /** The seeded organization's API key; its organization id is the one the key names. */
        Optional<String> apiKey();

        /** Name of the seeded organization. */
        @WithDefault("Dev organization")
        String organizationName();

        /** Default currency of the seeded organization. */
        @WithDefault("EUR")
        String defaultCurrency();
    }
}
