package eu.billing.customers.tax.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import eu.billing.customers.support.FakeRegister;
import eu.billing.customers.tax.id.TaxId;
import eu.billing.customers.tax.id.TaxIdStatus;
import io.quarkus.test.junit.QuarkusTest;

/** The Swiss UID register: what the envelope carries, what a VALID answer holds, and the SOAP reader. */
@QuarkusTest
class SwissUidVerifierTest {

    @Inject
    SwissUidVerifier swissUid;

    @ConfigProperty(name = "fake-swiss-uid.url")
    String fake;

    @Test
    void sendsTheNumberInItsOfficialFormWithItsSuffix() {
        TaxId uid = Registers.chVat(FakeRegister.VALID, "TVA");
        TaxIdVerification answer = swissUid.verify(uid, Requester.NONE);
        assertEquals(TaxIdStatus.VALID, answer.status());
        assertEquals(TaxRegister.CH_UID, answer.provider());
        assertNull(answer.verifiedName(), "ValidateVatNumber names no one");
        assertNull(answer.reference());
        String n = uid.national();
        assertEquals("CHE-" + n.substring(0, 3) + "." + n.substring(3, 6) + "." + n.substring(6) + " TVA",
                Registers.get(fake, "/last/" + n));
    }

    @Test
    void aNumberWithoutSuffixIsSentAsMwst() {
        TaxId uid = Registers.chVat(FakeRegister.VALID, "");
        swissUid.verify(uid, Requester.NONE);
        assertTrue(Registers.get(fake, "/last/" + uid.national()).endsWith(" MWST"));
    }

    @Test
    void readsResultsAndFaults() {
        var valid = SwissUidVerifier.SoapAnswer.read("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<s:Body><ValidateVatNumberResponse xmlns=\"http://www.uid.admin.ch/xmlns/uid-wse\">"
                + "<ValidateVatNumberResult>true</ValidateVatNumberResult></ValidateVatNumberResponse></s:Body></s:Envelope>");
        assertEquals(Boolean.TRUE, valid.result());
        assertNull(valid.faultCode());
        var fault = SwissUidVerifier.SoapAnswer.read("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>Data_validation_failed</faultstring>"
                + "</s:Fault></s:Body></s:Envelope>");
        assertEquals("s:Client", fault.faultCode());
        assertEquals("Data_validation_failed", fault.code());
        assertEquals("SOAP_FAULT", new SwissUidVerifier.SoapAnswer(null, "s:Server", "An internal error.", null).code());
    }

    @Test
    void refusesDoctypesAndExternalEntities() {
        var answer = SwissUidVerifier.SoapAnswer.read("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM "
                + "\"file:///etc/passwd\">]><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
                + "<ValidateVatNumberResult>&e;</ValidateVatNumberResult></s:Body></s:Envelope>");
        assertNull(answer.result());
        assertNull(SwissUidVerifier.SoapAnswer.read("not xml").result());
        assertNull(SwissUidVerifier.SoapAnswer.read("<ValidateVatNumberResult>true</ValidateVatNumberResult>").result(),
                "an answer outside a SOAP envelope is garbled");
    }
}
