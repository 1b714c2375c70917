package eu.billing.customers.tax.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import eu.billing.customers.support.FakeVies;
import eu.billing.customers.tax.id.TaxId;
import eu.billing.customers.tax.id.TaxIdStatus;
import eu.billing.customers.tax.id.TaxIdType;
import eu.billing.customers.tax.id.TaxIds;
import io.quarkus.test.junit.QuarkusTest;

/** The VIES adapter against the fake VIES: the ViesClient's answers as verifications. */
@QuarkusTest
class ViesVerifierTest {

    @Inject
    ViesVerifier vies;

    @ConfigProperty(name = "fake-vies.url")
    String fakeVies;

    @Test
    void aValidAnswerWithTheRequestersNumberCarriesTheConsultationNumber() {
        TaxId number = german(FakeVies.VALID);
        TaxId own = TaxIds.parse(TaxIdType.EU_VAT, "GR123456789").taxId();
        TaxIdVerification answer = vies.verify(number, new Requester(own, null));
        assertEquals(TaxIdStatus.VALID, answer.status());
        assertEquals(TaxRegister.VIES, answer.provider());
        assertEquals("ACME GmbH", answer.verifiedName());
        assertEquals("Hauptstr. 1\n10115 Berlin", answer.verifiedAddress());
        assertEquals("WAPIAAAAW" + number.national(), answer.reference());
        assertEquals(Instant.parse("2025-01-15T10:00:00Z"), answer.checkedAt());
        String sent = given(fakeVies + "/last/" + number.value());
        assertTrue(sent.contains("\"requesterMemberStateCode\":\"EL\""), "Greece is EL for VIES: " + sent);
    }

    @Test
    void notValidIsInvalid() {
        TaxIdVerification answer = vies.verify(german(FakeVies.NOT_VALID), Requester.NONE);
        assertEquals(TaxIdStatus.INVALID, answer.status());
        assertEquals("NOT_VALID", answer.errorCode());
        assertNull(answer.reference());
    }

    @Test
    void anOutageIsUnavailableWithItsCode() {
        TaxIdVerification answer = vies.verify(german(FakeVies.MS_UNAVAILABLE), Requester.NONE);
        assertEquals(TaxIdStatus.UNAVAILABLE, answer.status());
        assertEquals("MS_UNAVAILABLE", answer.errorCode());
    }

    @Test
    void greekNumbersAreAskedAsEl() {
        TaxId greek = TaxIds.parse(TaxIdType.EU_VAT, "GR" + digits(9)).taxId();
        assertEquals(TaxIdStatus.VALID, vies.verify(greek, Requester.NONE).status());
        assertEquals("1", given(fakeVies + "/calls/EL" + greek.national()));
    }

    private static TaxId german(String scenario) {
        return TaxIds.parse(TaxIdType.EU_VAT, "DE" + scenario + digits(7)).taxId();
    }

    private static String digits(int n) {
        return String.format("%0" + n + "d", ThreadLocalRandom.current().nextLong((long) Math.pow(10, n)));
    }

    private static String given(String url) {
        return io.restassured.RestAssured.given().when().get(url).then().statusCode(200).extract().asString();
    }
}
