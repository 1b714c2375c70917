package eu.billing.customers.tax.treatment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import eu.billing.customers.customer.CustomerType;
import eu.billing.customers.tax.id.TaxIdStatus;
import eu.billing.customers.tax.id.TaxIdType;
import eu.billing.customers.tax.treatment.TaxTreatmentInput.Identifier;
import eu.billing.customers.tax.treatment.TaxTreatmentInput.PaymentTermsDefaults;
import eu.billing.customers.tax.treatment.TaxTreatmentInput.Seller;

/**
 * The whole matrix, customer type x seller country x buyer country x status of the buyer's eu_vat,
 * against the decision table of docs/tax-treatment.md: every combination must match the first row
 * that fits it, and every row must be reached. Then price display, payment terms and a few cases
 * named in the documentation.
 */
class TaxTreatmentRulesTest {

    /** Sellers: an EU member state, Northern Ireland, the UK, non-EU Switzerland and the US, none. */
    private static final List<String> SELLERS = Arrays.asList("DE", "XI", "GB", "CH", "US", null);
    /** Buyers: the seller's country (DE) and another member state (FR), XI, GB, CH, an EEA state, another non-EU country, none. */
    private static final List<String> BUYERS = Arrays.asList("DE", "FR", "XI", "GB", "CH", "NO", "US", null);
    /** The buyer's eu_vat (of its billing country): each status, or none ({@code null}). */
    private static final List<TaxIdStatus> EU_VAT = Arrays.asList(TaxIdStatus.VALID, TaxIdStatus.MANUAL,
            TaxIdStatus.INVALID, TaxIdStatus.PENDING, TaxIdStatus.UNAVAILABLE, null);

    /**
     * The decision table; first matching row wins. {@code *} matches anything, {@code -} a missing
     * value, a comma a choice. Columns: type | seller | buyer | eu_vat | scheme | reasons | invoice mentions.
     */
    private static final String SCHEMES = """
            *        | -     | -           | *            | UNDETERMINED       | NO_BILLING_COUNTRY,NO_HOME_COUNTRY |
            *        | -     | *           | *            | UNDETERMINED       | NO_HOME_COUNTRY                    |
            *        | *     | -           | *            | UNDETERMINED       | NO_BILLING_COUNTRY                 |
            *        | DE    | DE          | *            | DOMESTIC           |                                    |
            *        | CH    | CH          | *            | DOMESTIC           |                                    |
            *        | US    | US          | *            | DOMESTIC           |                                    |
            *        | GB,XI | GB,XI       | *            | DOMESTIC           |                                    |
            *        | *     | GB,CH,NO,US | *            | EXPORT             |                                    | EXPORT
            BUSINESS | *     | DE,FR,XI    | VALID,MANUAL | EU_REVERSE_CHARGE  |                                    | REVERSE_CHARGE,CUSTOMER_VAT_NUMBER
            BUSINESS | *     | DE,FR,XI    | -            | UNDETERMINED       | EU_VAT_MISSING                     |
            BUSINESS | *     | DE,FR,XI    | INVALID      | UNDETERMINED       | EU_VAT_INVALID                     |
            BUSINESS | *     | DE,FR,XI    | PENDING      | UNDETERMINED       | EU_VAT_PENDING                     |
            BUSINESS | *     | DE,FR,XI    | UNAVAILABLE  | UNDETERMINED       | EU_VAT_UNAVAILABLE                 |
            CONSUMER | *     | DE,FR,XI    | *            | EU_B2C_DESTINATION |                                    |
            UNKNOWN  | *     | DE,FR,XI    | *            | UNDETERMINED       | CUSTOMER_TYPE_UNKNOWN              |
            """;

    /** Consumer protection by type and buyer: type | buyer | applies | withdrawal days. */
    private static final String PROTECTION = """
            BUSINESS | *          | false |
            *        | DE,FR,NO,- | true  | 14
            *        | *          | false |
            """;

    @Test
    void everyCombinationFollowsTheTable() {
        List<String[]> schemes = rows(SCHEMES);
        List<String[]> protection = rows(PROTECTION);
        boolean[] schemeUsed = new boolean[schemes.size()];
        boolean[] protectionUsed = new boolean[protection.size()];
        List<String> mismatches = new ArrayList<>();
        int combinations = 0;
        for (CustomerType type : CustomerType.values()) {
            for (String seller : SELLERS) {
                for (String buyer : BUYERS) {
                    for (TaxIdStatus vat : EU_VAT) {
                        combinations++;
                        TaxTreatment t = TaxTreatmentRules.derive(input(type, seller, buyer, vat));
                        String at = type + " seller " + seller + " buyer " + buyer + " eu_vat " + vat + ": ";
                        int s = first(schemes, type.name(), seller, buyer, vat == null ? null : vat.name());
                        int p = first(protection, type.name(), buyer);
                        if (s < 0 || p < 0) {
                            mismatches.add(at + "no table row");
                            continue;
                        }
                        schemeUsed[s] = true;
                        protectionUsed[p] = true;
                        String[] row = schemes.get(s);
                        String expected = row[4] + " " + list(row[5]) + " " + list(row[6]) + " "
                                + row[4].equals("EU_REVERSE_CHARGE");
                        String actual = t.scheme() + " " + t.reasons() + " " + t.invoiceMentions() + " " + t.reverseCharge();
                        if (!expected.equals(actual)) {
                            mismatches.add(at + "expected " + expected + " (row " + (s + 1) + ") but was " + actual);
                        }
                        String[] prow = protection.get(p);
                        ConsumerProtection cp = new ConsumerProtection(Boolean.parseBoolean(prow[2]),
                                prow[3].isEmpty() ? null : Integer.valueOf(prow[3]));
                        if (!cp.equals(t.consumerProtection())) {
                            mismatches.add(at + "expected " + cp + " but was " + t.consumerProtection());
                        }
                    }
                }
            }
        }
        assertEquals(3 * 6 * 8 * 6, combinations);
        assertEquals(List.of(), mismatches.stream().limit(20).toList(), mismatches.size() + " mismatches");
        for (int i = 0; i < schemeUsed.length; i++) {
            assertTrue(schemeUsed[i], "scheme row " + (i + 1) + " is never reached");
        }
        for (int i = 0; i < protectionUsed.length; i++) {
            assertTrue(protectionUsed[i], "protection row " + (i + 1) + " is never reached");
        }
    }

    @ParameterizedTest(name = "{0}, own terms {1}, UNKNOWN shown {2} -> {3}, {4} days")
    @CsvSource(nullValues = "null", textBlock = """
            BUSINESS, null, null,  NET,   30
            BUSINESS, 45,   GROSS, NET,   45
            CONSUMER, null, NET,   GROSS, 0
            CONSUMER, 7,    null,  GROSS, 7
            UNKNOWN,  null, NET,   NET,   14
            UNKNOWN,  null, GROSS, GROSS, 14
            UNKNOWN,  null, null,  GROSS, 14
            UNKNOWN,  60,   NET,   NET,   60
            """)
    void priceDisplayAndPaymentTerms(CustomerType type, Integer own, PriceDisplay unknownDisplay,
            PriceDisplay display, Integer days) {
        Seller seller = new Seller("DE", new PaymentTermsDefaults(30, 0, 14), unknownDisplay);
        TaxTreatment t = TaxTreatmentRules.derive(new TaxTreatmentInput(type, "DE", own, List.of(), seller));
        assertEquals(display, t.priceDisplay());
        assertEquals(days, t.paymentTermsDays());
    }

    @Test
    void withoutDefaultsPaymentTermsAreUnset() {
        TaxTreatment t = TaxTreatmentRules.derive(new TaxTreatmentInput(CustomerType.BUSINESS, "DE", null, List.of(),
                new Seller("DE", null, null)));
        assertNull(t.paymentTermsDays());
    }

    @Test
    void onlyAnEuVatOfTheBillingCountryCounts() {
        List<Identifier> ids = List.of(new Identifier(TaxIdType.EU_VAT, "NL", TaxIdStatus.VALID),
                new Identifier(TaxIdType.GB_VAT, "FR", TaxIdStatus.VALID));
        TaxTreatment t = TaxTreatmentRules.derive(new TaxTreatmentInput(CustomerType.BUSINESS, "FR", null, ids,
                new Seller("DE", null, null)));
        assertEquals(TaxScheme.UNDETERMINED, t.scheme());
        assertEquals(List.of(TreatmentReason.EU_VAT_MISSING), t.reasons());
    }

    @Test
    void aGreekBusinessReverseChargesWithItsElNumber() {
        // TaxIds stores EL numbers with the ISO country GR, which is what billing addresses use
        List<Identifier> ids = List.of(new Identifier(TaxIdType.EU_VAT, "GR", TaxIdStatus.VALID));
        TaxTreatment t = TaxTreatmentRules.derive(new TaxTreatmentInput(CustomerType.BUSINESS, "GR", null, ids,
                new Seller("FR", null, null)));
        assertEquals(TaxScheme.EU_REVERSE_CHARGE, t.scheme());
        assertTrue(t.reverseCharge());
    }

    @Test
    void aConsumerWithAVatNumberIsStillAConsumer() {
        List<Identifier> ids = List.of(new Identifier(TaxIdType.EU_VAT, "FR", TaxIdStatus.VALID));
        TaxTreatment t = TaxTreatmentRules.derive(new TaxTreatmentInput(CustomerType.CONSUMER, "FR", null, ids,
                new Seller("DE", null, null)));
        assertEquals(TaxScheme.EU_B2C_DESTINATION, t.scheme());
        assertFalse(t.reverseCharge());
        assertEquals(new ConsumerProtection(true, 14), t.consumerProtection());
    }

    @Test
    void aMissingTypeIsUnknown() {
        TaxTreatment t = TaxTreatmentRules.derive(new TaxTreatmentInput(null, "FR", null, null,
                new Seller("DE", null, PriceDisplay.NET)));
        assertEquals(List.of(TreatmentReason.CUSTOMER_TYPE_UNKNOWN), t.reasons());
        assertEquals(PriceDisplay.NET, t.priceDisplay());
    }

    private static TaxTreatmentInput input(CustomerType type, String seller, String buyer, TaxIdStatus vat) {
        String vatCountry = buyer != null && TaxTreatmentRules.inEuVatArea(buyer) ? buyer : "FR";
        List<Identifier> ids = vat == null ? List.of() : List.of(new Identifier(TaxIdType.EU_VAT, vatCountry, vat));
        return new TaxTreatmentInput(type, buyer, null, ids, new Seller(seller, null, null));
    }

    private static List<String[]> rows(String table) {
        return table.lines().filter(l -> !l.isBlank())
                .map(l -> Arrays.stream(l.split("\\|", -1)).map(String::trim).toArray(String[]::new)).toList();
    }

    /** The index of the first row whose leading cells match {@code values}, or -1. */
    private static int first(List<String[]> rows, String... values) {
        for (int i = 0; i < rows.size(); i++) {
            boolean all = true;
            for (int c = 0; c < values.length && all; c++) {
                all = matches(rows.get(i)[c], values[c]);
            }
            if (all) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(String cell, String value) {
        if (cell.equals("*")) {
            return true;
        }
        Set<String> choices = Arrays.stream(cell.split(",")).map(String::trim).collect(Collectors.toSet());
        return choices.contains(value == null ? "-" : value);
    }

    private static String list(String cell) {
        return cell.isEmpty() ? "[]" : "[" + String.join(", ", cell.split(",")) + "]";
    }
}
