package eu.billing.customers.platform.problem;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One bad field of a request, named as the client sent it ({@code billing_address.country}). */
@RegisterForReflection
public record FieldError(String field, String message) {
}
