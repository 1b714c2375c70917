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
import eu.billing.customers.tax.id.TaxIdType;
import eu.billing.customers.tax.id.TaxIds;
import io.quarkus.test.junit.QuarkusTest;

/** One verifier per type, picked by type; identifiers no register checks are UNVERIFIABLE without a call. */
@QuarkusTest
class TaxIdVerifiersTest {

    @Inject
    TaxIdVerifiers verifiers;

    @ConfigProperty(name = "fake-hmrc.url")
    String fakeHmrc;

    @Test
    void eachTypeHasItsRegister() {
        assertEquals(TaxRegister.VIES, verifiers.forType(TaxIdType.EU_VAT).orElseThrow().register());
        assertEquals(TaxRegister.HMRC, verifiers.forType(TaxIdType.GB_VAT).orElseThrow().register());
        assertEquals(TaxRegister.CH_UID, verifiers.forType(TaxIdType.CH_VAT).orElseThrow().register());
        assertEquals(TaxRegister.BRREG, verifiers.forType(TaxIdType.NO_VAT).orElseThrow().register());
        assertTrue(verifiers.forType(TaxIdType.OTHER).isEmpty());
    }

    @Test
    void verifiesThroughTheRegisterOfTheType() {
        TaxIdVerification answer = verifiers.verify(Registers.gbVat(FakeRegister.VALID), null);
        assertEquals(TaxIdStatus.VALID, answer.status());
        assertEquals(TaxRegister.HMRC, answer.provider());
        assertEquals(TaxRegister.CH_UID, verifiers.verify(Registers.chVat(FakeRegister.VALID, ""), null).provider());
        assertEquals(TaxRegister.BRREG, verifiers.verify(Registers.noVat(FakeRegister.VALID), null).provider());
    }

    @Test
    void otherAndGovernmentFormsAreUnverifiable() {
        TaxId other = TaxIds.parse(TaxIdType.OTHER, "ABN 51 824 753 556").taxId();
        TaxIdVerification answer = verifiers.verify(other, null);
        assertEquals(TaxIdStatus.UNVERIFIABLE, answer.status());
        assertNull(answer.provider());
        TaxId department = TaxIds.parse(TaxIdType.GB_VAT, "GBGD100").taxId();
        assertEquals(TaxIdStatus.UNVERIFIABLE, verifiers.verify(department, null).status());
        assertEquals(0, Registers.calls(fakeHmrc, "GD100"), "HMRC is not asked about GD/HA forms");
    }
}
