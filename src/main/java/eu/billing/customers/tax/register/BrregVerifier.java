package eu.billing.customers.tax.register;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.tax.id.TaxId;
import eu.billing.customers.tax.id.TaxIdType;

/**
 * no_vat through the Norwegian Enhetsregisteret ({@code GET /enhetsregisteret/api/enheter/{orgnr}}).
 * VALID when the unit exists, is not deleted and {@code registrertIMvaregisteret} is true (with
 * {@code navn} and {@code forretningsadresse}); INVALID when it is unknown (404: {@code NOT_FOUND}),
 * removed (410 Gone: {@code DELETED}), deleted ({@code slettedato} set or {@code respons_klasse}
 * {@code SlettetEnhet}: {@code DELETED}) or not VAT-registered ({@code NOT_VAT_REGISTERED}). A 404
 * whose body is an HTML page is a wrong base URL, not a verdict: UNAVAILABLE.
 */
@ApplicationScoped
public class BrregVerifier implements TaxIdVerifier {

    private final ObjectMapper mapper;
    private final BrregApi api;
    private final RegisterCall call;

    public BrregVerifier(BrregConfig config, ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.api = RegisterCall.client(BrregApi.class, RegisterCall.directory(config.baseUrl()), config);
        this.call = new RegisterCall(TaxRegister.BRREG, config, clock);
    }

    @Override
    public TaxRegister register() {
        return TaxRegister.BRREG;
    }

    @Override
    public TaxIdType type() {
        return TaxIdType.NO_VAT;
    }

    @Override
    public TaxIdVerification verify(TaxId taxId, Requester requester) {
        return call.run(() -> once(taxId.national()));
    }

    private TaxIdVerification once(String organisationNumber) {
        Response response;
        try {
            response = api.unit(organisationNumber);
        } catch (RuntimeException e) {
            throw RegisterCall.noAnswer(e);
        }
        try (response) {
            int status = response.getStatus();
            TaxIdVerification fault = call.commonFault(status);
            if (fault != null) {
                return fault;
            }
            String text = RegisterCall.text(response);
            if (status == 404) {
                return text == null || text.isBlank() || text.strip().startsWith("{") ? call.invalid("NOT_FOUND")
                        : call.misconfigured("HTTP_404", "no such resource: check customers.brreg.base-url");
            }
            if (status == 410) {
                return call.invalid("DELETED");
            }
            if (status >= 400) {
                return call.misconfigured("HTTP_" + status, "Enhetsregisteret answered HTTP " + status);
            }
            JsonNode unit = RegisterCall.json(mapper, text);
            if (unit == null || !unit.isObject() || RegisterCall.text(unit, "organisasjonsnummer") == null) {
                return call.unavailable("MALFORMED_RESPONSE");
            }
            if (RegisterCall.text(unit, "slettedato") != null
                    || "SlettetEnhet".equals(RegisterCall.text(unit, "respons_klasse"))) {
                return call.invalid("DELETED");
            }
            JsonNode vatRegistered = unit.get("registrertIMvaregisteret");
            if (vatRegistered == null || !vatRegistered.isBoolean()) {
                return call.unavailable("MALFORMED_RESPONSE");
            }
            if (!vatRegistered.booleanValue()) {
                return call.invalid("NOT_VAT_REGISTERED");
            }
            return call.valid(call.now(), RegisterCall.text(unit, "navn"), address(unit.get("forretningsadresse")),
                    null);
        }
    }

    /** The {@code adresse} lines, then postcode and place, then the country when it is not Norway. */
    private static String address(JsonNode address) {
        if (address == null || !address.isObject()) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        JsonNode street = address.get("adresse");
        if (street != null && street.isArray()) {
            street.forEach(line -> {
                if (line.isTextual() && !line.asText().isBlank()) {
                    lines.add(line.asText().trim());
                }
            });
        }
        String postcode = RegisterCall.text(address, "postnummer");
        String place = RegisterCall.text(address, "poststed");
        if (postcode != null || place != null) {
            lines.add(((postcode == null ? "" : postcode) + " " + (place == null ? "" : place)).trim());
        }
        String country = RegisterCall.text(address, "landkode");
        if (country != null && !country.equals("NO")) {
            lines.add(RegisterCall.text(address, "land") == null ? country : RegisterCall.text(address, "land"));
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }
}
