package eu.billing.customers.platform.validation;

import java.util.Map;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class MetadataValidator implements ConstraintValidator<Metadata, Map<String, String>> {

    @Override
    public boolean isValid(Map<String, String> value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        if (value.size() > 50) {
            return false;
        }
        for (Map.Entry<String, String> e : value.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().length() > 40 || e.getValue() == null || e.getValue().length() > 500) {
                return false;
            }
        }
        return true;
    }
}
