package eu.billing.customers.support;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake of the Norwegian Enhetsregisteret ({@code GET /enhetsregisteret/api/enheter/{orgnr}}) with
 * the open API's JSON: {@code organisasjonsnummer}, {@code navn}, {@code forretningsadresse}
 * ({@code adresse} lines, {@code postnummer}, {@code poststed}, {@code landkode}, {@code land}),
 * {@code registrertIMvaregisteret}; 404 for an unknown number; 410 Gone
 * {@code {organisasjonsnummer, slettedato}} for a unit removed from the open data; 200 with
 * {@code respons_klasse: SlettetEnhet} and {@code slettedato} for a deleted unit. Scenarios by the
 * first two digits; {@code /calls/<orgnr>} counts lookups.
 */
public class FakeBrreg extends FakeRegister {

    /** 410 Gone. */
    public static final String GONE = "12";
    /** 200 SlettetEnhet with a slettedato. */
    public static final String DELETED = "13";
    /** A unit outside the VAT register (registrertIMvaregisteret false). */
    public static final String NOT_VAT_REGISTERED = "14";
    /** A 404 HTML page, as a wrong base URL gives. */
    public static final String HTML_404 = "15";

    private static final String UNITS = "/enhetsregisteret/api/enheter/";
    private static final Map<String, String> AS = Map.of("kode", "AS", "beskrivelse", "Aksjeselskap");

    @Override
    protected Map<String, String> config(String base) {
        return Map.of("customers.brreg.base-url", base, "fake-brreg.url", base);
    }

    @Override
    protected void routes(HttpServer server) {
        server.createContext(UNITS, this::unit);
    }

    private void unit(HttpExchange ex) throws IOException {
        String orgnr = ex.getRequestURI().getPath().substring(UNITS.length());
        int call = count(orgnr);
        String scenario = orgnr.length() < 2 ? "" : orgnr.substring(0, 2);
        if (common(ex, scenario, call, "application/json", e -> unit(e, orgnr, true))) {
            return;
        }
        switch (scenario) {
            case NOT_FOUND -> send(ex, 404, "application/json", "");
            case GONE -> sendJson(ex, 410, Map.of("organisasjonsnummer", orgnr, "slettedato", "2024-09-21"));
            case DELETED -> sendJson(ex, 200, Map.of("respons_klasse", "SlettetEnhet", "organisasjonsnummer", orgnr,
                    "navn", "AVVIKLET AS", "organisasjonsform", AS, "slettedato", "2024-09-21"));
            case NOT_VAT_REGISTERED -> unit(ex, orgnr, false);
            case HTML_404 -> send(ex, 404, "text/html", "<html><body>Not Found</body></html>");
            default -> unit(ex, orgnr, true);
        }
    }

    private static void unit(HttpExchange ex, String orgnr, boolean vatRegistered) throws IOException {
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("organisasjonsnummer", orgnr);
        unit.put("navn", "FJORD SOFTWARE AS");
        unit.put("organisasjonsform", AS);
        unit.put("forretningsadresse", Map.of("land", "Norge", "landkode", "NO", "postnummer", "0160", "poststed", "OSLO",
                "adresse", List.of("Fridtjof Nansens plass 7"), "kommune", "OSLO", "kommunenummer", "0301"));
        unit.put("registrertIMvaregisteret", vatRegistered);
        unit.put("konkurs", false);
        unit.put("underAvvikling", false);
        unit.put("underTvangsavviklingEllerTvangsopplosning", false);
        sendJson(ex, 200, unit);
    }
}
