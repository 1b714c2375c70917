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

/** Metadata: at most 50 keys, key 1..40 chars, value at most 500 chars; null is valid. */
@Documented
@Constraint(validatedBy = MetadataValidator.class)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface Metadata {
    String message() default "must have at most 50 keys of 1 to 40 characters, each value at most 500 characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
