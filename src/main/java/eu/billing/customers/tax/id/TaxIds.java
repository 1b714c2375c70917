package eu.billing.customers.tax.id;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import eu.billing.customers.platform.validation.VatNumbers;

/**
 * Normalises and format-checks tax identifiers, before any register is asked: the one place that
 * decides what a well-formed identifier of each type is, and what its stored form and country are.
 * A value that fails here cannot be valid. Parsing a normalised value again gives the same identifier.
 *
 * <p>Normalisation: upper case; spaces, dots and dashes removed (as {@link VatNumbers#normalize} does
 * for VAT numbers); country prefixes and suffixes written the one way each type stores them.
 */
public final class TaxIds {

    /** Longest {@code other} identifier, in characters. */
    public static final int OTHER_MAX_LENGTH = 64;

    private static final Pattern GB_VRN = Pattern.compile("(\\d{9})(\\d{3})?");
    private static final Pattern GB_GOVERNMENT = Pattern.compile("(GD|HA)(\\d{3})");
    private static final Pattern CH_VAT = Pattern.compile("CHE(\\d{9})(MWST|TVA|IVA)?");
    private static final Pattern NO_VAT = Pattern.compile("(?:NO)?(\\d{9})(?:MVA)?");

    private TaxIds() {
    }

    /**
     * The outcome of {@link #parse}: the identifier, or why the value cannot be one.
     *
     * @param taxId the well-formed identifier, {@code null} when {@code problem} is set
     * @param problem a sentence for the client ("fails HMRC's modulus-97 check"), {@code null} when
     *                the value is well-formed
     */
    public record Parsed(TaxId taxId, String problem) {
        public boolean wellFormed() {
            return problem == null;
        }
    }

    /** Checks {@code value} as an identifier of {@code type}; never throws. */
    public static Parsed parse(TaxIdType type, String value) {
        if (type == null) {
            return problem("the type must be one of eu_vat, gb_vat, ch_vat, no_vat, other");
        }
        if (value == null || value.isBlank()) {
            return problem("must not be blank");
        }
        return switch (type) {
            case EU_VAT -> euVat(value);
            case GB_VAT -> gbVat(VatNumbers.normalize(value));
            case CH_VAT -> chVat(VatNumbers.normalize(value));
            case NO_VAT -> noVat(VatNumbers.normalize(value));
            case OTHER -> other(value.strip());
        };
    }

    /**
     * The ISO 3166-1 code of a VIES country code: VIES (and Greek VAT numbers) write Greece as
     * {@code EL}, ISO as {@code GR}; every other code, {@code XI} included, is the same in both.
     */
    public static String isoCountry(String viesCountry) {
        return "EL".equals(viesCountry) ? "GR" : viesCountry;
    }

    /** The VIES country code of an ISO 3166-1 code: {@code GR} is {@code EL}; the inverse of {@link #isoCountry}. */
    public static String viesCountry(String isoCountry) {
        return "GR".equals(isoCountry) ? "EL" : isoCountry;
    }

    /**
     * The 27 member states and XI, exactly as {@link VatNumbers} checks them (GR accepted for EL and
     * stored as EL, the prefix VIES and Greek numbers use). XI numbers are UK VAT registration numbers,
     * so they must also pass HMRC's checks (as {@code gb_vat} does).
     */
    private static Parsed euVat(String value) {
        VatNumbers.Parsed vat = VatNumbers.parse(value);
        if (!vat.wellFormed()) {
            return problem(vat.problem());
        }
        String ukProblem = vat.country().equals("XI") ? ukVrnProblem(vat.national()) : null;
        if (ukProblem != null) {
            return problem(ukProblem + " (XI numbers are UK VAT registration numbers)");
        }
        return ok(TaxIdType.EU_VAT, vat.country() + vat.national(), isoCountry(vat.country()), vat.national());
    }

    /** GB + 9 digits, GB + 12 digits (branch traders: the first 9 checked), GBGD000-499, GBHA500-999. */
    private static Parsed gbVat(String n) {
        if (n.startsWith("XI")) {
            return problem("a Northern Ireland (XI) number is an eu_vat identifier, checked by VIES");
        }
        String vrn = n.startsWith("GB") ? n.substring(2) : n;
        String problem = ukVrnProblem(vrn);
        return problem == null ? ok(TaxIdType.GB_VAT, "GB" + vrn, "GB", vrn) : problem(problem);
    }

    /** Why {@code vrn} (without prefix) is no UK VAT registration number, or {@code null}. */
    private static String ukVrnProblem(String vrn) {
        Matcher digits = GB_VRN.matcher(vrn);
        if (digits.matches()) {
            return CheckDigits.hmrcModulus97(digits.group(1)) ? null
                    : "fails HMRC's modulus-97 check of UK VAT registration numbers";
        }
        Matcher government = GB_GOVERNMENT.matcher(vrn);
        if (government.matches()) {
            int number = Integer.parseInt(government.group(2));
            if (government.group(1).equals("GD")) {
                return number < 500 ? null : "government departments are numbered GD000 to GD499";
            }
            return number >= 500 ? null : "health authorities are numbered HA500 to HA999";
        }
        return "must be GB followed by 9 or 12 digits, or by GD or HA and 3 digits";
    }

    /** CHE + 9 digits (MOD11) + optional MWST, TVA or IVA; stored with its suffix, MWST when none is given. */
    private static Parsed chVat(String n) {
        Matcher m = CH_VAT.matcher(n);
        if (!m.matches()) {
            return problem("must be CHE and 9 digits, optionally followed by MWST, TVA or IVA "
                    + "(such as CHE-123.456.789 MWST)");
        }
        String uid = m.group(1);
        if (CheckDigits.swissUid(uid.substring(0, 8)) != uid.charAt(8) - '0') {
            return problem("fails the check digit of the Swiss UID");
        }
        String suffix = m.group(2) == null ? "MWST" : m.group(2);
        return ok(TaxIdType.CH_VAT, "CHE" + uid + suffix, "CH", uid);
    }

    /** 9 digits (MOD11), optional NO prefix and MVA suffix; stored as NO + 9 digits + MVA. */
    private static Parsed noVat(String n) {
        Matcher m = NO_VAT.matcher(n);
        if (!m.matches()) {
            return problem("must be 9 digits, optionally written NO 123 456 789 MVA");
        }
        String number = m.group(1);
        if (CheckDigits.norwegianOrganisationNumber(number.substring(0, 8)) != number.charAt(8) - '0') {
            return problem("fails the check digit of Norwegian organisation numbers");
        }
        return ok(TaxIdType.NO_VAT, "NO" + number + "MVA", "NO", number);
    }

    /** Free text, trimmed, at most 64 characters, no control characters; no country. */
    private static Parsed other(String text) {
        if (text.codePointCount(0, text.length()) > OTHER_MAX_LENGTH) {
            return problem("must be at most " + OTHER_MAX_LENGTH + " characters");
        }
        if (text.codePoints().anyMatch(Character::isISOControl)) {
            return problem("must not contain control characters");
        }
        return ok(TaxIdType.OTHER, text, null, text);
    }

    private static Parsed ok(TaxIdType type, String value, String country, String national) {
        return new Parsed(new TaxId(type, value, country, national), null);
    }

    private static Parsed problem(String problem) {
        return new Parsed(null, problem);
    }
}
