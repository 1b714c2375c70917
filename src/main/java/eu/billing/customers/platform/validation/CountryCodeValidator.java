package eu.billing.customers.platform.validation;

import java.util.Locale;
import java.util.Set;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class CountryCodeValidator implements ConstraintValidator<CountryCode, String> {

    /** Not ISO 3166-1 but the code the EU and HMRC give Northern Ireland, whose goods follow EU VAT rules. */
    private static final String NORTHERN_IRELAND = "XI";

    private static final Set<String> CODES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || CODES.contains(value) || NORTHERN_IRELAND.equals(value);
    }
}
