package eu.billing.customers.platform.idempotency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * On a resource class with write operations under /v1: a request sent with an Idempotency-Key runs
 * in one transaction with the storing of its answer ({@link IdempotencyInterceptor}).
 * IdempotencyCoverageTest fails for a resource class with writes that lacks it.
 */
@InterceptorBinding
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface IdempotentWrites {
}
