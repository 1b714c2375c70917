package eu.billing.customers.customer;

import java.util.Set;

/** The 27 EU member states, as ISO 3166-1 alpha-2 codes (Greece is GR here; VAT numbers use EL). */
public final class EuMemberStates {

    private static final Set<String> CODES = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
            "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    private EuMemberStates() {
    }

    public static boolean contains(String country) {
        return country != null && CODES.contains(country);
    }
}
