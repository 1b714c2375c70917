package eu.billing.customers.tax.register;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * HMRC's OAuth access token, cached until shortly before it expires. Under concurrency one caller
 * fetches while the others wait for its token (never a fetch per request); a token HMRC refuses
 * (401) is dropped so that the next caller fetches a new one.
 */
final class HmrcTokens {

    /** A token and the moment to stop using it (its expiry less the refresh margin). */
    record Token(String value, Instant renewAt) {
    }

    private final Supplier<Token> fetch;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Token current;

    /** {@code fetch} asks HMRC for a token; it throws what the check should answer when it cannot. */
    HmrcTokens(Supplier<Token> fetch, Clock clock) {
        this.fetch = fetch;
        this.clock = clock;
    }

    /** A usable token: the cached one, or a new one fetched once for all concurrent callers. */
    String get() {
        Token token = current;
        if (usable(token)) {
            return token.value();
        }
        lock.lock();
        try {
            token = current;
            if (!usable(token)) {
                token = fetch.get();
                current = token;
            }
            return token.value();
        } finally {
            lock.unlock();
        }
    }

    /** Drops {@code refused} unless another caller already replaced it. */
    void refused(String refused) {
        lock.lock();
        try {
            Token token = current;
            if (token != null && token.value().equals(refused)) {
                current = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean usable(Token token) {
        return token != null && clock.instant().isBefore(token.renewAt());
    }
}
