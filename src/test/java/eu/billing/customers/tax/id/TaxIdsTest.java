package eu.billing.customers.tax.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Format checks and normalisation of every tax identifier type. Valid numbers are real ones from
 * public documentation: HMRC's (BT's VRN 245719348), python-stdnum's examples (GB 980 7806 84,
 * CHE-107.787.577 IVA, CHE-100.155.212, NO 995 525 828 MVA, 988 077 917) and valvat's (GB434031494
 * old scheme, GB434031439 "9755" scheme, CHE343663860 MWST, GBGD100, GBHA600), the register
 * operators' own numbers (Brønnøysundregistrene 974 760 673, the Swiss SEM CHE-113.690.319) and
 * Equinor (923 609 016). Near misses change one check digit or fall in a range never issued.
 */
class TaxIdsTest {

    @ParameterizedTest(name = "{0} {1} -> {2} ({3})")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            eu_vat | DE 123.456-789      | DE123456789      | DE
            eu_vat | fr 40 303 265 045   | FR40303265045    | FR
            eu_vat | EL123456789         | EL123456789      | GR
            eu_vat | GR123456789         | EL123456789      | GR
            eu_vat | XI 980 7806 84      | XI980780684      | XI
            eu_vat | XIGD100             | XIGD100          | XI
            gb_vat | GB 980 7806 84      | GB980780684      | GB
            gb_vat | 245719348           | GB245719348      | GB
            gb_vat | GB434031494         | GB434031494      | GB
            gb_vat | GB434031439         | GB434031439      | GB
            gb_vat | GB 980 7806 84 001  | GB980780684001   | GB
            gb_vat | GBGD100             | GBGD100          | GB
            gb_vat | gbha600             | GBHA600          | GB
            gb_vat | GD499               | GBGD499          | GB
            ch_vat | CHE-107.787.577 IVA | CHE107787577IVA  | CH
            ch_vat | CHE-100.155.212     | CHE100155212MWST | CH
            ch_vat | CHE113690319TVA     | CHE113690319TVA  | CH
            ch_vat | CHE 343 663 860 MWST| CHE343663860MWST | CH
            ch_vat | che-343.663.860 MWSt| CHE343663860MWST | CH
            no_vat | NO 995 525 828 MVA  | NO995525828MVA   | NO
            no_vat | 988 077 917         | NO988077917MVA   | NO
            no_vat | 974760673MVA        | NO974760673MVA   | NO
            no_vat | no923609016         | NO923609016MVA   | NO
            other  | '  ABN 51 824 753 556 ' | ABN 51 824 753 556 | null
            """)
    void normalisesValidIdentifiers(String type, String input, String value, String country) {
        TaxIds.Parsed parsed = TaxIds.parse(TaxIdType.fromCode(type).orElseThrow(), input);
        assertTrue(parsed.wellFormed(), () -> input + ": " + parsed.problem());
        assertEquals(value, parsed.taxId().value());
        assertEquals(country, parsed.taxId().country());
        assertEquals(type, parsed.taxId().type().code());
        // parsing the stored form again gives the same identifier
        assertEquals(parsed.taxId(), TaxIds.parse(parsed.taxId().type(), parsed.taxId().value()).taxId());
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            eu_vat | DE12345678           | format of a DE VAT number
            eu_vat | US123456789          | not a VIES country
            eu_vat | XI980780685          | modulus-97
            eu_vat | XIGD500              | GD000 to GD499
            gb_vat | GB980780685          | modulus-97
            gb_vat | GB245719349          | modulus-97
            gb_vat | GB802311781          | modulus-97
            gb_vat | GB434031438          | modulus-97
            gb_vat | GB999999973          | modulus-97
            gb_vat | GB100000034          | modulus-97
            gb_vat | GB000000000          | modulus-97
            gb_vat | GB980780685001       | modulus-97
            gb_vat | GB98078068           | 9 or 12 digits
            gb_vat | GB9807806840         | 9 or 12 digits
            gb_vat | GBGD500              | GD000 to GD499
            gb_vat | GBHA499              | HA500 to HA999
            gb_vat | XI980780684          | eu_vat
            ch_vat | CHE-107.787.578 IVA  | check digit
            ch_vat | CHE-100.155.213      | check digit
            ch_vat | CHE-343.663.86 MWST  | CHE and 9 digits
            ch_vat | CHE-107.787.577 VAT  | CHE and 9 digits
            ch_vat | 107.787.577 MWST     | CHE and 9 digits
            no_vat | NO 995 525 829 MVA   | check digit
            no_vat | 988077918            | check digit
            no_vat | 97476067             | 9 digits
            no_vat | SE974760673          | 9 digits
            """)
    void rejectsNearMisses(String type, String input, String problem) {
        TaxIds.Parsed parsed = TaxIds.parse(TaxIdType.fromCode(type).orElseThrow(), input);
        assertFalse(parsed.wellFormed(), input);
        assertNull(parsed.taxId());
        assertTrue(parsed.problem().contains(problem), parsed.problem());
    }

    @Test
    void neverIssuedCheckDigitsFailForEveryNinthDigit() {
        // the MOD11 remainders of these bases would need a check digit of 10
        assertEquals(-1, CheckDigits.swissUid("10000016"));
        assertEquals(-1, CheckDigits.norwegianOrganisationNumber("99552581"));
        IntStream.rangeClosed(0, 9).forEach(d -> {
            assertFalse(TaxIds.parse(TaxIdType.CH_VAT, "CHE10000016" + d).wellFormed());
            assertFalse(TaxIds.parse(TaxIdType.NO_VAT, "99552581" + d).wellFormed());
        });
    }

    @Test
    void checkDigitsOfPublishedNumbers() {
        assertEquals(84, CheckDigits.hmrcCheckDigits("9807806"));
        assertEquals(7, CheckDigits.swissUid("10778757"));
        assertEquals(8, CheckDigits.norwegianOrganisationNumber("99552582"));
        assertTrue(CheckDigits.hmrcModulus97("434031439"), "9755 scheme");
        assertFalse(CheckDigits.hmrcModulus97("100000034"), "9755 scheme never issued bases up to 1000000");
    }

    @Test
    void otherIsFreeTextUpToSixtyFourCharacters() {
        TaxIds.Parsed longest = TaxIds.parse(TaxIdType.OTHER, "x".repeat(64));
        assertTrue(longest.wellFormed());
        assertFalse(longest.taxId().verifiable());
        assertTrue(TaxIds.parse(TaxIdType.OTHER, "x".repeat(65)).problem().contains("64"));
        assertTrue(TaxIds.parse(TaxIdType.OTHER, "ABN\u0000 1").problem().contains("control"));
        assertTrue(TaxIds.parse(TaxIdType.OTHER, "   ").problem().contains("blank"));
        // 64 characters outside the BMP are 64 characters, not 128 chars
        assertTrue(TaxIds.parse(TaxIdType.OTHER, "\uD835\uDC00".repeat(64)).wellFormed());
    }

    @Test
    void registersTakeTheNationalPart() {
        assertEquals("123456789", TaxIds.parse(TaxIdType.EU_VAT, "GR123456789").taxId().national());
        assertEquals("980780684001", TaxIds.parse(TaxIdType.GB_VAT, "GB980780684001").taxId().national());
        assertEquals("107787577", TaxIds.parse(TaxIdType.CH_VAT, "CHE-107.787.577 IVA").taxId().national());
        assertEquals("995525828", TaxIds.parse(TaxIdType.NO_VAT, "NO995525828MVA").taxId().national());
    }

    @Test
    void governmentFormsOfGbVatAreNotVerifiable() {
        assertFalse(TaxIds.parse(TaxIdType.GB_VAT, "GBGD100").taxId().verifiable());
        assertTrue(TaxIds.parse(TaxIdType.GB_VAT, "GB980780684").taxId().verifiable());
        assertTrue(TaxIds.parse(TaxIdType.EU_VAT, "XIGD100").taxId().verifiable(), "VIES checks every XI number");
    }

    @Test
    void greeceIsElForViesAndGrForIso() {
        assertEquals("GR", TaxIds.isoCountry("EL"));
        assertEquals("EL", TaxIds.viesCountry("GR"));
        assertEquals("XI", TaxIds.isoCountry("XI"));
        assertEquals("DE", TaxIds.viesCountry("DE"));
    }

    @Test
    void typesByCode() {
        assertEquals(TaxIdType.GB_VAT, TaxIdType.fromCode("GB_VAT").orElseThrow());
        assertTrue(TaxIdType.fromCode("us_ein").isEmpty());
        assertTrue(TaxIdType.fromCode(null).isEmpty());
        assertTrue(TaxIds.parse(null, "x").problem().contains("eu_vat"));
    }
}
