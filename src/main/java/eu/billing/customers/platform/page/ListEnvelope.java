package eu.billing.customers.platform.page;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code {"data": [...], "pagination": {...}}}: every list the API answers. */
@RegisterForReflection
public record ListEnvelope<T>(List<T> data, Pagination pagination) {

    /** The same page with each item mapped (a listing's rows to their API records). */
    public <V> ListEnvelope<V> map(Function<T, V> view) {
        return new ListEnvelope<>(data.stream().map(view).toList(), pagination);
    }

    @RegisterForReflection
    @Schema(name = "Pagination", requiredProperties = { "limit", "has_more", "next_cursor" })
    public record Pagination(
            @Schema(description = "The page size used") int limit,
            @Schema(description = "Whether another page follows") boolean hasMore,
            @Schema(nullable = true, description = "Pass as cursor to read the next page; null on the last page")
            String nextCursor) {
    }
}
