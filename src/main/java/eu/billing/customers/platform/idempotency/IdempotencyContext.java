package eu.billing.customers.platform.idempotency;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

/** The Idempotency-Key of the current request, once {@link IdempotencyFilter} accepted it. */
@RequestScoped
public class IdempotencyContext {

    /** What became of the request's key. */
    enum Outcome {
        /** Nothing stored yet: the response filter stores a 4xx (and a remote-call route's answer). */
        PENDING,
        /** The answer was stored with the change. */
        STORED,
        /** An answer that must not be stored: a replay, 409 IN_PROGRESS, 422 REUSED. */
        NOT_STORED
    }

    private UUID organizationId;
    private String key;
    private byte[] requestHash;
    private String method;
    private String path;
    private boolean ownTransactions;
    private Outcome outcome = Outcome.PENDING;

    void accept(UUID organizationId, String key, byte[] requestHash, String method, String path, boolean own) {
        this.organizationId = organizationId;
        this.key = key;
        this.requestHash = requestHash;
        this.method = method;
        this.path = path;
        this.ownTransactions = own;
    }

    boolean active() {
        return key != null;
    }

    UUID organizationId() {
        return organizationId;
    }

    String key() {
        return key;
    }

    byte[] requestHash() {
        return requestHash;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    boolean ownTransactions() {
        return ownTransactions;
    }

    Outcome outcome() {
        return outcome;
    }

    void outcome(Outcome outcome) {
        this.outcome = outcome;
    }
}
