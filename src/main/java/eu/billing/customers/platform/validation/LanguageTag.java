package eu.billing.customers.platform.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A well-formed BCP 47 language tag; null is valid. */
@Documented
@Constraint(validatedBy = LanguageTagValidator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface LanguageTag {
    String message() default "must be a BCP 47 language tag such as de-DE";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
