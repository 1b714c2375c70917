package eu.billing.customers.platform.page;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One page of a keyset listing. Queries fetch {@code limit + 1} rows; the extra row only tells
 * that there is more.
 */
public final class Page {

    private Page() {
    }

    public static <E> ListEnvelope<E> of(List<E> rows, PageRequest request, String query,
            Function<E, Instant> at, Function<E, UUID> id) {
        boolean more = rows.size() > request.limit();
        List<E> page = more ? rows.subList(0, request.limit()) : rows;
        String next = null;
        if (more) {
            E last = page.get(page.size() - 1);
            next = new Cursor(at.apply(last), id.apply(last)).encode(query);
        }
        return new ListEnvelope<>(List.copyOf(page), new ListEnvelope.Pagination(request.limit(), more, next));
    }
}
