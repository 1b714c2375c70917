package eu.billing.customers.tax.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import eu.billing.customers.support.FakeRegister;
import eu.billing.customers.tax.id.TaxIdStatus;
import io.quarkus.test.junit.QuarkusTest;

/** Enhetsregisteret: what a VALID answer holds. */
@QuarkusTest
class BrregVerifierTest {

    @Inject
    BrregVerifier brreg;

    @Test
    void aValidAnswerCarriesNameAndBusinessAddress() {
        TaxIdVerification answer = brreg.verify(Registers.noVat(FakeRegister.VALID), Requester.NONE);
        assertEquals(TaxIdStatus.VALID, answer.status());
        assertEquals(TaxRegister.BRREG, answer.provider());
        assertEquals("FJORD SOFTWARE AS", answer.verifiedName());
        assertEquals("Fridtjof Nansens plass 7\n0160 OSLO", answer.verifiedAddress());
        assertNull(answer.reference(), "Enhetsregisteret gives no consultation number");
    }
}
