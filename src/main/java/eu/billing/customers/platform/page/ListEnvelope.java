package eu.billing.customers.platform.page;

import java.util.List;
import java.util.function.Function;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"data": [...], "pagination": {...}}}: every list the API answers. */
@RegisterForReflection
public record ListEnvelope<T>(List<T> data, Pagination pagination) {

    /** The same page with each item mapped (a listing's rows to their API records). */
    public <V> ListEnvelope<V> map(Function<T, V> view) {
        return new ListEnvelope<>(data.stream().map(view).toList(), pagination);
    }

    @RegisterForReflection
    public record Pagination(int limit, boolean hasMore, String nextCursor) {
    }
}
