package eu.billing.customers.tax.register;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** HMRC's "Check a UK VAT number" API v2 (gb_vat), with its OAuth 2.0 client credentials. */
@ConfigMapping(prefix = "customers.hmrc")
public interface HmrcConfig extends RegisterConfig {

    /** Base URL of HMRC's APIs ({@code CUSTOMERS_HMRC_BASE_URL}); the token comes from {@code <base>/oauth/token}. */
    @WithDefault("https://api.service.hmrc.gov.uk")
    String baseUrl();

    /** The application's client id from HMRC's Developer Hub ({@code CUSTOMERS_HMRC_CLIENT_ID}); without it, gb_vat checks are UNAVAILABLE (NOT_CONFIGURED). */
    Optional<String> clientId();

    /** The application's client secret ({@code CUSTOMERS_HMRC_CLIENT_SECRET}). */
    Optional<String> clientSecret();

    /** A token is renewed this long before the expiry HMRC gave it (HMRC's tokens live 4 hours). */
    @WithDefault("60S")
    Duration tokenRefreshMargin();
}
