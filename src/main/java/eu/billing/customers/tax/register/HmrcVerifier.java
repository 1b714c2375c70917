package eu.billing.customers.tax.register;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.tax.id.TaxId;
import eu.billing.customers.tax.id.TaxIdType;
import eu.billing.customers.tax.register.RegisterCall.Answered;
import eu.billing.customers.tax.register.RegisterCall.Transient;

/**
 * gb_vat through HMRC's "Check a UK VAT number" API v2
 * ({@code GET /organisations/vat/check-vat-number/lookup/{vrn}[/{requesterVrn}]}), application-restricted
 * with an OAuth 2.0 client-credentials token from {@code <base>/oauth/token}.
 *
 * <p>200 is VALID with {@code target.name}, {@code target.address} and, when the organization's own
 * VRN was sent, the {@code consultationNumber}; 404 {@code NOT_FOUND} is INVALID. A 401 drops the
 * cached token and retries once with a new one. Other 4xx (400 {@code INVALID_REQUEST}, 403 requester
 * not registered, a second 401, a refused token request) say our set-up is wrong: UNAVAILABLE, logged
 * at ERROR, not retried. 429, 5xx, timeouts and refused connections are retried, then UNAVAILABLE.
 */
@ApplicationScoped
public class HmrcVerifier implements TaxIdVerifier {

    private final HmrcConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final HmrcApi api;
    private final RegisterCall call;
    private final HmrcTokens tokens;

    public HmrcVerifier(HmrcConfig config, ObjectMapper mapper, Clock clock) {
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
        this.api = RegisterCall.client(HmrcApi.class, RegisterCall.directory(config.baseUrl()), config);
        this.call = new RegisterCall(TaxRegister.HMRC, config, clock);
        this.tokens = new HmrcTokens(this::fetchToken, clock);
    }

    @Override
    public TaxRegister register() {
        return TaxRegister.HMRC;
    }

    @Override
    public TaxIdType type() {
        return TaxIdType.GB_VAT;
    }

    @Override
    public TaxIdVerification verify(TaxId taxId, Requester requester) {
        if (config.clientId().isEmpty() || config.clientSecret().isEmpty()) {
            return call.misconfigured("NOT_CONFIGURED",
                    "CUSTOMERS_HMRC_CLIENT_ID and CUSTOMERS_HMRC_CLIENT_SECRET are not set");
        }
        String requesterVrn = requester.gbVat() == null ? null : requester.gbVat().national();
        return call.run(() -> once(taxId.national(), requesterVrn));
    }

    /** One lookup, with one token renewal when HMRC refuses the cached token. */
    private TaxIdVerification once(String vrn, String requesterVrn) {
        String token = tokens.get();
        try (Response response = lookup(vrn, requesterVrn, token)) {
            if (response.getStatus() != 401) {
                return answer(response);
            }
        }
        tokens.refused(token);
        try (Response response = lookup(vrn, requesterVrn, tokens.get())) {
            return response.getStatus() == 401
                    ? call.misconfigured("UNAUTHORIZED", "HMRC refused a freshly issued access token")
                    : answer(response);
        }
    }

    private Response lookup(String vrn, String requesterVrn, String token) {
        try {
            return requesterVrn == null ? api.lookup(vrn, "Bearer " + token)
                    : api.lookup(vrn, requesterVrn, "Bearer " + token);
        } catch (RuntimeException e) {
            throw RegisterCall.noAnswer(e);
        }
    }

    private TaxIdVerification answer(Response response) {
        int status = response.getStatus();
        TaxIdVerification fault = call.commonFault(status);
        if (fault != null) {
            return fault;
        }
        JsonNode body = RegisterCall.json(mapper, RegisterCall.text(response));
        String code = RegisterCall.text(body, "code");
        if (status == 404) {
            // HMRC's verdict carries the code NOT_FOUND; a 404 without it is a wrong URL, not a verdict
            return "NOT_FOUND".equals(code) ? call.invalid("NOT_FOUND")
                    : call.misconfigured("HTTP_404", "no such HMRC resource: check customers.hmrc.base-url");
        }
        if (status >= 400) {
            return call.misconfigured(code == null ? "HTTP_" + status : code, "HMRC answered HTTP " + status);
        }
        JsonNode target = body == null ? null : body.get("target");
        if (target == null || !target.isObject()) {
            return call.unavailable("MALFORMED_RESPONSE");
        }
        return call.valid(call.at(RegisterCall.text(body, "processingDate")), RegisterCall.text(target, "name"),
                address(target.get("address")), RegisterCall.text(body, "consultationNumber"));
    }

    /** {@code line1} to {@code line5}, then the postcode, one per line; the country when it is not GB. */
    private static String address(JsonNode address) {
        if (address == null || !address.isObject()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (String field : List.of("line1", "line2", "line3", "line4", "line5", "postcode")) {
            String line = RegisterCall.text(address, field);
            if (line != null) {
                lines.add(line);
            }
        }
        String country = RegisterCall.text(address, "countryCode");
        if (country != null && !country.equals("GB")) {
            lines.add(country);
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    /** Asks HMRC for an access token (scope {@code read:vat}); throws what the check answers when it cannot. */
    private HmrcTokens.Token fetchToken() {
        Instant asked = clock.instant();
        Response response;
        try {
            response = api.token("client_credentials", config.clientId().orElseThrow(),
                    config.clientSecret().orElseThrow(), "read:vat");
        } catch (RuntimeException e) {
            throw new Transient("TOKEN_" + RegisterCall.noAnswer(e).code);
        }
        try (response) {
            int status = response.getStatus();
            if (status >= 300 && status < 400) {
                throw new Answered(call.misconfigured("TOKEN_REDIRECT", "HMRC's token endpoint answered a redirect"));
            }
            if (status == 429 || status >= 500) {
                throw new Transient("TOKEN_HTTP_" + status);
            }
            JsonNode body = RegisterCall.json(mapper, RegisterCall.text(response));
            if (status >= 400) {
                throw new Answered(call.misconfigured("TOKEN_REJECTED", "HMRC refused the client credentials ("
                        + RegisterCall.text(body, "error") + ": " + RegisterCall.text(body, "error_description") + ")"));
            }
            String token = RegisterCall.text(body, "access_token");
            long expiresIn = body == null ? 0 : body.path("expires_in").asLong(0);
            if (token == null || expiresIn <= 0) {
                throw new Answered(call.unavailable("TOKEN_MALFORMED"));
            }
            return new HmrcTokens.Token(token, asked.plusSeconds(expiresIn).minus(config.tokenRefreshMargin()));
        }
    }
}
