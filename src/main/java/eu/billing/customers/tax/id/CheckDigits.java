package eu.billing.customers.tax.id;

/**
 * The check-digit algorithms of the identifiers that have one (each tested against numbers published
 * by the registers or by established validation libraries, see TaxIdsTest).
 */
public final class CheckDigits {

    private static final int[] HMRC_WEIGHTS = {8, 7, 6, 5, 4, 3, 2};
    private static final int[] SWISS_UID_WEIGHTS = {5, 4, 3, 2, 7, 6, 5, 4};
    private static final int[] NORWEGIAN_WEIGHTS = {3, 2, 7, 6, 5, 4, 3, 2};
    /** HMRC's "9755" scheme adds 55 to the weighted sum. */
    private static final int SCHEME_9755 = 55;

    private CheckDigits() {
    }

    /**
     * HMRC's modulus-97 check of a 9-digit VAT registration number: the first seven digits weighted
     * 8, 7, 6, 5, 4, 3, 2, plus the last two digits as a number, is a multiple of 97 (the old scheme) or
     * is one once 55 is added (the "9755" scheme, issued since 2010). As HMRC's validation rules say,
     * the old scheme never issued the bases 0100000-0999999, 9490001-9700000 and 9990001-9999999, the
     * 9755 scheme never the bases up to 1000000, and no VRN is all zeros.
     */
    public static boolean hmrcModulus97(String nineDigits) {
        if (!digits(nineDigits, 9) || nineDigits.chars().allMatch(c -> c == '0')) {
            return false;
        }
        int base = Integer.parseInt(nineDigits.substring(0, 7));
        int sum = weighted(nineDigits, HMRC_WEIGHTS) + Integer.parseInt(nineDigits.substring(7));
        if (sum % 97 == 0) {
            return !(base >= 100_000 && base <= 999_999 || base >= 9_490_001 && base <= 9_700_000
                    || base >= 9_990_001);
        }
        return (sum + SCHEME_9755) % 97 == 0 && base > 1_000_000;
    }

    /**
     * The two check digits that make {@code sevenDigits} a valid old-scheme VRN, or -1 when that base
     * was never issued under the old scheme. For tests and fakes that need fresh valid numbers.
     */
    public static int hmrcCheckDigits(String sevenDigits) {
        int candidate = Math.floorMod(-weighted(sevenDigits, HMRC_WEIGHTS), 97);
        return hmrcModulus97(sevenDigits + String.format("%02d", candidate)) ? candidate : -1;
    }

    /**
     * The MOD11 check digit of a Swiss UID (the ninth digit), from its first eight digits weighted
     * 5, 4, 3, 2, 7, 6, 5, 4; -1 when the remainder would need a check digit of 10 (such UIDs are
     * never issued).
     */
    public static int swissUid(String eightDigits) {
        return mod11(eightDigits, SWISS_UID_WEIGHTS);
    }

    /**
     * The MOD11 check digit of a Norwegian organisation number (the ninth digit), from its first
     * eight digits weighted 3, 2, 7, 6, 5, 4, 3, 2; -1 when no digit fits (never issued).
     */
    public static int norwegianOrganisationNumber(String eightDigits) {
        return mod11(eightDigits, NORWEGIAN_WEIGHTS);
    }

    private static int mod11(String eightDigits, int[] weights) {
        if (!digits(eightDigits, 8)) {
            return -1;
        }
        int check = (11 - weighted(eightDigits, weights) % 11) % 11;
        return check == 10 ? -1 : check;
    }

    private static int weighted(String number, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (number.charAt(i) - '0') * weights[i];
        }
        return sum;
    }

    private static boolean digits(String s, int length) {
        return s != null && s.length() == length && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
