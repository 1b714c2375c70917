package eu.billing.customers.platform.idempotency;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Runs a write sent with an Idempotency-Key (on an ordinary route) in one transaction that also
 * stores its answer: the change and its stored answer commit together or not at all. The key is
 * locked first (409 IDEMPOTENCY_KEY_IN_PROGRESS while another request holds it), then looked up
 * again (the request that held it may have stored its answer meanwhile: a replay).
 */
@IdempotentWrites
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class IdempotencyInterceptor {

    private final IdempotencyContext context;
    private final IdempotencyStore store;
    private final Idempotency filter;
    private final EntityManager em;

    public IdempotencyInterceptor(IdempotencyContext context, IdempotencyStore store, Idempotency filter,
            EntityManager em) {
        this.context = context;
        this.store = store;
        this.filter = filter;
        this.em = em;
    }

    @AroundInvoke
    Object run(InvocationContext invocation) throws Exception {
        if (!context.active() || context.ownTransactions() || context.outcome() != IdempotencyContext.Outcome.PENDING) {
            return invocation.proceed();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!store.tryLock(context.organizationId(), context.key())) {
                throw filter.inProgress();
            }
            var existing = store.find(context.organizationId(), context.key());
            if (existing.isPresent()) {
                filter.answerFor(existing.get(), context.requestHash()).ifPresent(r -> {
                    throw new IdempotentReplay(existing.get());
                });
            }
            Object result = invocation.proceed();
            em.flush();
            int status = 200;
            Object entity = result;
            String location = null;
            String etag = null;
            String type = "application/json";
            if (result instanceof Response r) {
                status = r.getStatus();
                entity = r.getEntity();
                location = r.getLocation() == null ? null : r.getLocation().toString();
                EntityTag tag = r.getEntityTag();
                etag = tag == null ? null : (tag.isWeak() ? "W/" : "") + "\"" + tag.getValue() + "\"";
                type = r.getMediaType() == null ? type : r.getMediaType().toString();
            } else if (result == null) {
                status = 204;
                type = null;
            }
            if (!store.storeDone(context, status, type, filter.body(entity), location, etag)) {
                throw filter.inProgress();
            }
            context.outcome(IdempotencyContext.Outcome.STORED);
            return result;
        });
    }

}
