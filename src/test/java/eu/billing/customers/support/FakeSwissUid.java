package eu.billing.customers.support;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake of the Swiss UID register's public SOAP service ({@code /V5.0/PublicServices.svc}),
 * operation {@code ValidateVatNumber}: it insists on the SOAPAction
 * {@code http://www.uid.admin.ch/xmlns/uid-wse/IPublicServices/ValidateVatNumber} and a text/xml
 * envelope, and answers {@code ValidateVatNumberResponse/ValidateVatNumberResult} true or false, or a
 * SOAP 1.1 fault with HTTP 500 ({@code s:Client} {@code Data_validation_failed}, as the register
 * answers a malformed number). Scenarios by the first two digits of the UID; {@code /calls/<9 digits>}
 * counts checks, {@code /last/<9 digits>} is the last {@code vatNumber} sent.
 */
public class FakeSwissUid extends FakeRegister {

    /** s:Client fault Data_validation_failed (INVALID). */
    public static final String DATA_VALIDATION_FAILED = "12";
    /** s:Client fault Request_limit_exceeded, the code also in the detail's Error (retried). */
    public static final String REQUEST_LIMIT_EXCEEDED = "13";
    /** s:Server fault, WCF's internal-error text (retried). */
    public static final String SERVER_FAULT = "14";
    /** s:Client fault whose code is only in the detail: Access_denied (UNAVAILABLE, not retried). */
    public static final String ACCESS_DENIED = "15";

    public static final String PATH = "/V5.0/PublicServices.svc";
    private static final String ACTION = "http://www.uid.admin.ch/xmlns/uid-wse/IPublicServices/ValidateVatNumber";
    private static final Pattern VAT_NUMBER = Pattern.compile("<(?:\\w+:)?vatNumber>([^<]*)</(?:\\w+:)?vatNumber>");

    private final Map<String, String> last = new ConcurrentHashMap<>();

    @Override
    protected Map<String, String> config(String base) {
        return Map.of("customers.swiss-uid.url", base + PATH, "fake-swiss-uid.url", base);
    }

    @Override
    protected void routes(HttpServer server) {
        server.createContext(PATH, this::validate);
        server.createContext("/last/", ex -> send(ex, 200, "text/plain",
                last.getOrDefault(ex.getRequestURI().getPath().substring("/last/".length()), "")));
    }

    private void validate(HttpExchange ex) throws IOException {
        String action = ex.getRequestHeaders().getFirst("SOAPAction");
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        Matcher m = VAT_NUMBER.matcher(body(ex));
        if (!"POST".equals(ex.getRequestMethod()) || action == null || !action.replace("\"", "").equals(ACTION)
                || type == null || !type.startsWith("text/xml") || !m.find()) {
            send(ex, 500, "text/xml; charset=utf-8", fault("s:Client", "a:ActionNotSupported", ""));
            return;
        }
        String vatNumber = m.group(1);
        String uid = vatNumber.replaceAll("\\D", "");
        last.put(uid, vatNumber);
        int call = count(uid);
        String scenario = uid.length() < 2 ? "" : uid.substring(0, 2);
        if (common(ex, scenario, call, "text/xml; charset=utf-8", e -> result(e, true))) {
            return;
        }
        switch (scenario) {
            case NOT_FOUND -> result(ex, false);
            case DATA_VALIDATION_FAILED -> send(ex, 500, "text/xml; charset=utf-8",
                    fault("s:Client", "Data_validation_failed", ""));
            case REQUEST_LIMIT_EXCEEDED -> send(ex, 500, "text/xml; charset=utf-8",
                    fault("s:Client", "Request_limit_exceeded", detail("securityFault", "Request_limit_exceeded")));
            case SERVER_FAULT -> send(ex, 500, "text/xml; charset=utf-8", fault("s:Server",
                    "The server was unable to process the request due to an internal error.", ""));
            case ACCESS_DENIED -> send(ex, 500, "text/xml; charset=utf-8",
                    fault("s:Client", "securityFaultFault", detail("securityFault", "Access_denied")));
            default -> result(ex, true);
        }
    }

    private static void result(HttpExchange ex, boolean valid) throws IOException {
        send(ex, 200, "text/xml; charset=utf-8", "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<s:Body><ValidateVatNumberResponse xmlns=\"http://www.uid.admin.ch/xmlns/uid-wse\">"
                + "<ValidateVatNumberResult>" + valid + "</ValidateVatNumberResult>"
                + "</ValidateVatNumberResponse></s:Body></s:Envelope>");
    }

    private static String fault(String code, String string, String detail) {
        return "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault>"
                + "<faultcode>" + code + "</faultcode><faultstring xml:lang=\"de-CH\">" + string + "</faultstring>"
                + detail + "</s:Fault></s:Body></s:Envelope>";
    }

    private static String detail(String kind, String error) {
        return "<detail><" + kind + " xmlns=\"http://www.uid.admin.ch/xmlns/uid-wse-shared/2\">"
                + "<Error>" + error + "</Error><ErrorDetail>" + error + "</ErrorDetail>"
                + "<Operation>ValidateVatNumber</Operation></" + kind + "></detail>";
    }
}
