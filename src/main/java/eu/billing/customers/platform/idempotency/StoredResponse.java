package eu.billing.customers.platform.idempotency;

import java.net.URI;
import java.time.Instant;

import jakarta.ws.rs.core.Response;

/**
 * A row of idempotency_keys: the request's hash, and once {@code done} the answer (status, body,
 * media type, Location, ETag); {@code running} with {@code claimedUntil} while a remote-call
 * route's request holds it.
 */
record StoredResponse(byte[] requestHash, String state, Instant claimedUntil, Integer status, String type, String body,
        String location, String etag, Instant expiresAt) {

    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    boolean done() {
        return DONE.equals(state);
    }

    /** The stored answer, marked as a replay. */
    Response replay() {
        Response.ResponseBuilder r = Response.status(status).header(REPLAYED_HEADER, "true");
        if (body != null) {
            r.entity(body).type(type);
        }
        if (location != null) {
            r.location(URI.create(location));
        }
        if (etag != null) {
            r.header("ETag", etag);
        }
        return r.build();
    }
}
