package eu.billing.customers.platform.validation;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The format of VAT numbers per VIES country code (EU member states, {@code EL} for Greece,
 * {@code XI} for Northern Ireland). A number that fails here cannot be valid, so it is INVALID
 * without asking VIES.
 */
public final class VatNumbers {

    private static final Map<String, Pattern> FORMATS = Map.ofEntries(
            Map.entry("AT", Pattern.compile("U\\d{8}")),
            Map.entry("BE", Pattern.compile("[01]\\d{9}")),
            Map.entry("BG", Pattern.compile("\\d{9,10}")),
            Map.entry("CY", Pattern.compile("(?!12)[0-59]\\d{7}[A-Z]")),
            Map.entry("CZ", Pattern.compile("\\d{8,10}")),
            Map.entry("DE", Pattern.compile("\\d{9}")),
            Map.entry("DK", Pattern.compile("\\d{8}")),
            Map.entry("EE", Pattern.compile("10\\d{7}")),
            Map.entry("EL", Pattern.compile("\\d{9}")),
            Map.entry("ES", Pattern.compile("[A-Z]\\d{8}|\\d{8}[A-Z]|[A-Z]\\d{7}[A-Z]")),
            Map.entry("FI", Pattern.compile("\\d{8}")),
            Map.entry("FR", Pattern.compile("[0-9A-HJ-NP-Z]{2}\\d{9}")),
            Map.entry("HR", Pattern.compile("\\d{11}")),
            Map.entry("HU", Pattern.compile("\\d{8}")),
            Map.entry("IE", Pattern.compile("\\d{7}[A-Z]{1,2}|\\d[A-Z]\\d{5}[A-Z]")),
            Map.entry("IT", Pattern.compile("\\d{11}")),
            Map.entry("LT", Pattern.compile("\\d{9}|\\d{12}")),
            Map.entry("LU", Pattern.compile("\\d{8}")),
            Map.entry("LV", Pattern.compile("\\d{11}")),
            Map.entry("MT", Pattern.compile("\\d{8}")),
            Map.entry("NL", Pattern.compile("\\d{9}B\\d{2}")),
            Map.entry("PL", Pattern.compile("\\d{10}")),
            Map.entry("PT", Pattern.compile("\\d{9}")),
            Map.entry("RO", Pattern.compile("[1-9]\\d{1,9}")),
            Map.entry("SE", Pattern.compile("\\d{10}01")),
            Map.entry("SI", Pattern.compile("\\d{8}")),
            Map.entry("SK", Pattern.compile("\\d{10}")),
            Map.entry("XI", Pattern.compile("\\d{9}|\\d{12}|GD\\d{3}|HA\\d{3}")));

    private VatNumbers() {
    }

    /**
     * A VAT number split into its VIES country code and national part.
     *
     * @param normalized the whole number as stored (prefix included)
     * @param country VIES country code, or {@code null} when the prefix names no VIES country
     * @param national the number without its prefix (what VIES calls {@code vatNumber})
     * @param problem why the number cannot be valid, or {@code null} when its format is right
     */
    public record Parsed(String normalized, String country, String national, String problem) {
        public boolean wellFormed() {
            return problem == null;
        }
    }

    /** Upper case, without spaces, dots and dashes; {@code null} when nothing is left. */
    public static String normalize(String vat) {
        if (vat == null) {
            return null;
        }
        String normalized = vat.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
        return normalized.isEmpty() ? null : normalized;
    }

    public static Parsed parse(String vat) {
        String n = normalize(vat);
        if (n == null || n.length() < 3 || !Character.isLetter(n.charAt(0)) || !Character.isLetter(n.charAt(1))) {
            return new Parsed(n, null, n, "must start with a two-letter country prefix (such as DE, FR, EL, XI)");
        }
        String prefix = n.substring(0, 2);
        // Greece's ISO code; VIES knows Greece as EL (decision: accept GR rather than call it invalid)
        String country = prefix.equals("GR") ? "EL" : prefix;
        String national = n.substring(2);
        Pattern format = FORMATS.get(country);
        if (format == null) {
            return new Parsed(n, null, national, "the prefix " + prefix + " is not a VIES country");
        }
        if (!format.matcher(national).matches()) {
            return new Parsed(n, country, national, "does not have the format of a " + country + " VAT number");
        }
        return new Parsed(n, country, national, null);
    }
}
