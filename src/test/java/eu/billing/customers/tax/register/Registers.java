package eu.billing.customers.tax.register;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import eu.billing.customers.tax.id.CheckDigits;
import eu.billing.customers.tax.id.TaxId;
import eu.billing.customers.tax.id.TaxIdType;
import eu.billing.customers.tax.id.TaxIds;

/**
 * Test helpers for the registers: fresh well-formed numbers whose fake answer is a scenario (the first
 * two digits, see support/FakeRegister), the fakes' call counters, and configurations for verifier
 * instances of a test's own (their own breaker and token cache).
 */
final class Registers {

    /** A closed loopback port: connecting is refused at once. */
    static final String CLOSED = "http://127.0.0.1:9";

    private Registers() {
    }

    /** GB + scenario + 5 random digits + the check digits of HMRC's old scheme. */
    static TaxId gbVat(String scenario) {
        while (true) {
            String base = scenario + digits(5);
            int check = CheckDigits.hmrcCheckDigits(base);
            if (check >= 0) {
                return parse(TaxIdType.GB_VAT, "GB" + base + String.format("%02d", check));
            }
        }
    }

    /** CHE + scenario + 6 random digits + the MOD11 check digit, with the given suffix (or none). */
    static TaxId chVat(String scenario, String suffix) {
        while (true) {
            String base = scenario + digits(6);
            int check = CheckDigits.swissUid(base);
            if (check >= 0) {
                return parse(TaxIdType.CH_VAT, "CHE" + base + check + suffix);
            }
        }
    }

    /** NO + scenario + 6 random digits + the MOD11 check digit + MVA. */
    static TaxId noVat(String scenario) {
        while (true) {
            String base = scenario + digits(6);
            int check = CheckDigits.norwegianOrganisationNumber(base);
            if (check >= 0) {
                return parse(TaxIdType.NO_VAT, "NO" + base + check + "MVA");
            }
        }
    }

    /** How many requests for {@code key} reached the fake at {@code fakeUrl}. */
    static int calls(String fakeUrl, String key) {
        return Integer.parseInt(given().when().get(fakeUrl + "/calls/" + key).then().statusCode(200)
                .extract().asString());
    }

    static String get(String fakeUrl, String path) {
        return given().when().get(fakeUrl + path).then().statusCode(200).extract().asString();
    }

    private static TaxId parse(TaxIdType type, String value) {
        TaxIds.Parsed parsed = TaxIds.parse(type, value);
        if (!parsed.wellFormed()) {
            throw new IllegalStateException(value + ": " + parsed.problem());
        }
        return parsed.taxId();
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }

    /** A random tail for fake HMRC client ids, so that each test counts its own token requests. */
    static String unique(String prefix) {
        return prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** Settings for a test's own verifier: a short read timeout, {@code retries} quick retries, a breaker. */
    record Settings(Duration connectTimeout, Duration readTimeout, RetrySettings retry, BreakerSettings circuitBreaker)
            implements RegisterConfig {

        static Settings of(int retries, int breakerVolume) {
            return new Settings(Duration.ofSeconds(1), Duration.ofMillis(700),
                    new RetrySettings(retries, Duration.ofMillis(10), Duration.ofMillis(50)),
                    new BreakerSettings(breakerVolume, 0.5, Duration.ofMinutes(1)));
        }
    }

    record RetrySettings(int maxRetries, Duration delay, Duration maxDelay) implements RegisterConfig.Retry {
    }

    record BreakerSettings(int requestVolumeThreshold, double failureRatio, Duration delay)
            implements RegisterConfig.CircuitBreaker {
    }

    /** A register configuration whose common settings come from {@link Settings}. */
    interface Delegating extends RegisterConfig {
        Settings settings();

        @Override
        default Duration connectTimeout() {
            return settings().connectTimeout();
        }

        @Override
        default Duration readTimeout() {
            return settings().readTimeout();
        }

        @Override
        default RegisterConfig.Retry retry() {
            return settings().retry();
        }

        @Override
        default RegisterConfig.CircuitBreaker circuitBreaker() {
            return settings().circuitBreaker();
        }
    }

    record Hmrc(String baseUrl, Optional<String> clientId, Optional<String> clientSecret, Settings settings)
            implements HmrcConfig, Delegating {

        static Hmrc of(String baseUrl, String clientId, Settings settings) {
            return new Hmrc(baseUrl, Optional.ofNullable(clientId), Optional.of("secret"), settings);
        }

        @Override
        public Duration tokenRefreshMargin() {
            return Duration.ofSeconds(60);
        }
    }

    record SwissUid(String url, Settings settings) implements SwissUidConfig, Delegating {
    }

    record Brreg(String baseUrl, Settings settings) implements BrregConfig, Delegating {
    }
}
