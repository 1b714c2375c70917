package eu.billing.customers.platform.idempotency;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;

/** What the Idempotency-Key filter and interceptor share: the answer to a key with a row, and answers as JSON. */
@ApplicationScoped
public class Idempotency {

    private static final String HEADER = IdempotencyFilter.HEADER;

    private final IdempotencyContext context;
    private final ObjectMapper mapper;

    public Idempotency(IdempotencyContext context, ObjectMapper mapper) {
        this.context = context;
        this.mapper = mapper;
    }

    /**
     * The answer to a request whose key has a row: a replay, or a refusal (thrown); empty when the
     * row is a claim that timed out (the request may take it over).
     */
    Optional<Response> answerFor(StoredResponse existing, byte[] hash) {
        if (!java.util.Arrays.equals(existing.requestHash(), hash)) {
            context.outcome(IdempotencyContext.Outcome.NOT_STORED);
            throw new DomainException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "this " + HEADER
                    + " was used for another request (method, path or body differ): use a new key for a new request");
        }
        if (existing.done()) {
            context.outcome(IdempotencyContext.Outcome.NOT_STORED);
            return Optional.of(existing.replay());
        }
        if (existing.claimedUntil() != null && existing.claimedUntil().isBefore(java.time.Instant.now())) {
            return Optional.empty();
        }
        throw inProgress();
    }

    DomainException inProgress() {
        context.outcome(IdempotencyContext.Outcome.NOT_STORED);
        return new DomainException(ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS, "a request with this " + HEADER
                + " is still running: retry after it finished to get its answer").retryAfter(1);
    }

    String body(Object entity) {
        if (entity == null) {
            return null;
        }
        if (entity instanceof String s) {
            return s;
        }
        try {
            return mapper.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer that cannot be written as JSON", e);
        }
    }

}
