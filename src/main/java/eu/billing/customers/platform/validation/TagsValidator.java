package eu.billing.customers.platform.validation;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class TagsValidator implements ConstraintValidator<Tags, List<String>> {

    public static final int MAX_TAGS = 50;
    public static final Pattern TAG = Pattern.compile("^[a-z0-9_:\\-]{1,64}$");

    @Override
    public boolean isValid(List<String> value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        return value.size() <= MAX_TAGS && value.stream().allMatch(t -> t != null && TAG.matcher(t).matches());
    }
}
