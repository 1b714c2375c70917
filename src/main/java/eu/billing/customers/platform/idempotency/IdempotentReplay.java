package eu.billing.customers.platform.idempotency;

/**
 * Thrown where a resource method cannot return a Response (its return type is an entity): the
 * stored answer of a repeated request, answered by {@link IdempotencyFilter#replay}.
 */
class IdempotentReplay extends RuntimeException {

    private final transient StoredResponse stored;

    IdempotentReplay(StoredResponse stored) {
        super("replay", null, false, false);
        this.stored = stored;
    }

    StoredResponse stored() {
        return stored;
    }
}
