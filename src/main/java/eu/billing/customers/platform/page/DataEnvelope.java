package eu.billing.customers.platform.page;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"data": ...}}: every single object the API answers. */
@RegisterForReflection
public record DataEnvelope<T>(T data) {
}
