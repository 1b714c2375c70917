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

/** Customer tags: at most 50, each 1..64 of [a-z0-9_:-]; null is valid. */
@Documented
@Constraint(validatedBy = TagsValidator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface Tags {
    String message() default "must be at most 50 tags, each 1 to 64 characters of a-z, 0-9, _, : and -";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
