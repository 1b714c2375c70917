package eu.billing.customers.platform.page;

import eu.billing.customers.platform.problem.ValidationFailed;

/** The {@code limit} and {@code cursor} of a list request, checked. */
public record PageRequest(int limit, Cursor after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /**
     * @param query a canonical description of the filters; cursors are only valid for the same one
     */
    public static PageRequest of(String limit, String cursor, String query) {
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw ValidationFailed.of("limit", "must be an integer from 1 to " + MAX_LIMIT);
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw ValidationFailed.of("limit", "must be an integer from 1 to " + MAX_LIMIT);
            }
        }
        return new PageRequest(size, Cursor.decode(cursor, query));
    }
}
