package eu.billing.customers.tax.register;

import java.io.StringReader;
import java.time.Clock;
import java.util.Set;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import eu.billing.customers.tax.id.TaxId;
import eu.billing.customers.tax.id.TaxIdType;
import eu.billing.customers.tax.register.RegisterCall.Transient;

/**
 * ch_vat through the Swiss UID register's public web service, operation {@code ValidateVatNumber}
 * (namespace {@code http://www.uid.admin.ch/xmlns/uid-wse}): the answer {@code ValidateVatNumberResult}
 * is a boolean, true when the UID is an active Swiss VAT registration. It names no one, so a VALID
 * verification carries no name or address.
 *
 * <p>SOAP faults (HTTP 500): {@code Data_validation_failed} says the number cannot be one: INVALID;
 * {@code Request_limit_exceeded} (the public service limits each client's rate) and any
 * {@code Server} fault are retried, then UNAVAILABLE; other client faults are UNAVAILABLE at once.
 * The fault's code is read from the detail's {@code Error} element when there is one, else from
 * {@code faultstring}.
 */
@ApplicationScoped
public class SwissUidVerifier implements TaxIdVerifier {

    private static final Logger LOG = Logger.getLogger(SwissUidVerifier.class);

    static final String NAMESPACE = "http://www.uid.admin.ch/xmlns/uid-wse";
    static final String SOAP_ACTION = "\"" + NAMESPACE + "/IPublicServices/ValidateVatNumber\"";
    private static final String SOAP_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final Set<String> TRANSIENT = Set.of("Request_limit_exceeded");
    private static final String NOT_A_NUMBER = "Data_validation_failed";

    private final SwissUidApi api;
    private final RegisterCall call;

    public SwissUidVerifier(SwissUidConfig config, Clock clock) {
        this.api = RegisterCall.client(SwissUidApi.class, config.url(), config);
        this.call = new RegisterCall(TaxRegister.CH_UID, config, clock);
    }

    @Override
    public TaxRegister register() {
        return TaxRegister.CH_UID;
    }

    @Override
    public TaxIdType type() {
        return TaxIdType.CH_VAT;
    }

    @Override
    public TaxIdVerification verify(TaxId taxId, Requester requester) {
        String envelope = envelope(formatted(taxId));
        return call.run(() -> once(envelope));
    }

    /** {@code CHE-123.456.789 MWST}: the register wants the suffix apart from the number. */
    static String formatted(TaxId taxId) {
        String uid = taxId.national();
        String suffix = taxId.value().substring("CHE".length() + uid.length());
        return "CHE-" + uid.substring(0, 3) + "." + uid.substring(3, 6) + "." + uid.substring(6) + " " + suffix;
    }

    static String envelope(String vatNumber) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<soap:Envelope xmlns:soap=\"" + SOAP_ENVELOPE + "\" xmlns:uid=\"" + NAMESPACE + "\">"
                + "<soap:Body><uid:ValidateVatNumber><uid:vatNumber>" + escape(vatNumber)
                + "</uid:vatNumber></uid:ValidateVatNumber></soap:Body></soap:Envelope>";
    }

    private TaxIdVerification once(String envelope) {
        Response response;
        try {
            response = api.post(SOAP_ACTION, envelope);
        } catch (RuntimeException e) {
            throw RegisterCall.noAnswer(e);
        }
        try (response) {
            int status = response.getStatus();
            if (status >= 300 && status < 400) {
                return call.commonFault(status);
            }
            SoapAnswer answer = SoapAnswer.read(RegisterCall.text(response));
            if (answer.faultCode() != null) {
                return fault(answer);
            }
            TaxIdVerification fault = call.commonFault(status);
            if (fault != null) {
                return fault;
            }
            if (status >= 400) {
                return call.misconfigured("HTTP_" + status, "check customers.swiss-uid.url");
            }
            if (answer.result() == null) {
                return call.unavailable("MALFORMED_RESPONSE");
            }
            return answer.result() ? call.valid(call.now(), null, null, null) : call.invalid("NOT_VALID");
        }
    }

    private TaxIdVerification fault(SoapAnswer answer) {
        String code = answer.code();
        if (NOT_A_NUMBER.equals(code)) {
            return call.invalid(code);
        }
        if (TRANSIENT.contains(code) || answer.faultCode().endsWith("Server")) {
            throw new Transient(code);
        }
        LOG.warnf("The Swiss UID register answered the fault %s (%s: %s); treated as unavailable", code,
                answer.faultCode(), answer.faultString());
        return call.unavailable(code);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * What a SOAP answer says, read with StAX (no DTDs, no external entities).
     *
     * @param result {@code ValidateVatNumberResult}, {@code null} when absent or not a boolean
     * @param faultCode {@code faultcode} of a fault ({@code s:Client}, {@code s:Server}), {@code null} when none
     * @param faultString its {@code faultstring}
     * @param error the first {@code Error} element within the fault's {@code detail}
     */
    record SoapAnswer(Boolean result, String faultCode, String faultString, String error) {

        static final SoapAnswer GARBLED = new SoapAnswer(null, null, null, null);
        private static final Pattern CODE = Pattern.compile("\\w+");

        /** The fault's code: the detail's Error, else a code-like faultstring, else SOAP_FAULT. */
        String code() {
            if (error != null) {
                return error;
            }
            return faultString != null && CODE.matcher(faultString).matches() ? faultString : "SOAP_FAULT";
        }

        static SoapAnswer read(String xml) {
            if (xml == null || xml.isBlank()) {
                return GARBLED;
            }
            XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            Boolean result = null;
            String faultCode = null;
            String faultString = null;
            String error = null;
            boolean inFault = false;
            boolean sawEnvelope = false;
            try {
                XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
                try {
                    while (reader.hasNext()) {
                        if (reader.next() != XMLStreamConstants.START_ELEMENT) {
                            continue;
                        }
                        String name = reader.getLocalName();
                        if (name.equals("Envelope") && SOAP_ENVELOPE.equals(reader.getNamespaceURI())) {
                            sawEnvelope = true;
                        } else if (name.equals("Fault") && SOAP_ENVELOPE.equals(reader.getNamespaceURI())) {
                            inFault = true;
                        } else if (inFault && name.equals("faultcode")) {
                            faultCode = reader.getElementText().trim();
                        } else if (inFault && name.equals("faultstring")) {
                            faultString = reader.getElementText().trim();
                        } else if (inFault && name.equals("Error") && error == null) {
                            error = reader.getElementText().trim();
                        } else if (name.equals("ValidateVatNumberResult")) {
                            String text = reader.getElementText().trim();
                            result = text.equals("true") ? Boolean.TRUE : text.equals("false") ? Boolean.FALSE : null;
                        }
                    }
                } finally {
                    reader.close();
                }
            } catch (XMLStreamException e) {
                return GARBLED;
            }
            if (!sawEnvelope) {
                return GARBLED;
            }
            if (inFault && faultCode == null) {
                faultCode = "Fault";
            }
            return new SoapAnswer(result, faultCode, faultString, error == null || error.isBlank() ? null : error);
        }
    }
}
