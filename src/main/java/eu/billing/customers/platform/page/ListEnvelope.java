package eu.billing.customers.platform.page;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"data": [...], "pagination": {...}}}: every list the API answers. */
@RegisterForReflection
public record ListEnvelope<T>(List<T> data, Pagination pagination) {

    @RegisterForReflection
    public record Pagination(int limit, boolean hasMore, String nextCursor) {
    }
}
