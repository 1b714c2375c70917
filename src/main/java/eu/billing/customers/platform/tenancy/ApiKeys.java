package eu.billing.customers.platform.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import eu.billing.customers.platform.Clocks;
import eu.billing.customers.platform.Ids;

/**
 * API keys look like {@code ck_<organization id, 32 hex>_<secret, 43 base64url chars>}. The secret
 * has 256 random bits, so one SHA-256 is the right hash: a slow password hash on every request
 * would cap the API at a few dozen requests a second and buys nothing against a random key.
 * The organization id in the key lets authentication filter by organization_id first, like every
 * other query (docs/scaling.md).
 */
@ApplicationScoped
public class ApiKeys {

    private static final Pattern FORMAT = Pattern.compile("^ck_([0-9a-f]{32})_([A-Za-z0-9_\\-]{20,200})$");

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    private final Clock clock;
    private final DataSource dataSource;
    private final TenancyConfig config;

    public ApiKeys(Clock clock, DataSource dataSource, TenancyConfig config) {
        this.clock = clock;
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * The generator of key secrets, in a holder of its own so that it is created in each process,
     * never while the native image is built (a build-time generator's state would be frozen into
     * the binary and every process would mint the same secrets). Registered with
     * {@code --initialize-at-run-time} in the native profile of pom.xml (NativeInitializationTest).
     */
    static final class RandomHolder {
        static final SecureRandom RANDOM = new SecureRandom();

        private RandomHolder() {
        }
    }

    /** A newly minted (or rolled) key: its record and the secret, which is shown once and never stored. */
    public record Minted(ApiKey key, String secret) {
        public UUID id() {
            return key.id;
        }
    }

    /** A new random secret of the organization, in the key format. */
    static String newSecret(UUID organizationId) {
        byte[] random = new byte[32];
        RandomHolder.RANDOM.nextBytes(random);
        return "ck_" + organizationId.toString().replace("-", "") + "_"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The characters of a key shown in lists and events: the organization part and 6 of the 43 secret characters. */
    static String prefixOf(String secret) {
        int secretStart = "ck_".length() + 32 + 1;
        return secret.substring(0, Math.min(secret.length(), secretStart + PREFIX_SECRET_CHARS));
    }

    static final int PREFIX_SECRET_CHARS = 6;

    /** Stores a key whose text is given (the dev seed); the text must have the key format. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID store(UUID organizationId, String secret, String name) {
        ApiKey key = new ApiKey();
        key.id = Ids.newId();
        key.organizationId = organizationId;
        key.keyHash = hash(secret);
        key.prefix = prefixOf(secret);
        key.name = name;
        key.role = Role.ADMIN.wire();
        key.createdAt = Clocks.now(clock);
        key.createdByType = "system";
        key.persist();
        return key.id;
    }

    /**
     * An authenticated key, with what every request needs to know of its organization.
     *
     * @param validUntil when the secret that authenticated stops working (the key's expiry, or the end
     *        of a rolled secret's overlap); null when it does not expire
     */
    public record Resolved(UUID keyId, UUID organizationId, String defaultCurrency, Role role, Instant validUntil) {
    }

    /** A resolved key as this replica remembers it, and when it read it. */
    private record Cached(Resolved key, long readAtNanos) {
    }

    /**
     * Resolved keys by the hex SHA-256 of the secret (never the secret), each kept at most
     * {@code customers.api-keys.cache-max-age} (at most 5 s): a revocation on another replica takes
     * effect here when the entry is that old. Expiry is checked on every use, so an expired key or
     * rolled secret stops at once. Revoking and rolling on this replica forget the key's entries at
     * commit. Unknown keys are not cached.
     */
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    /** When this replica last wrote last_used_at of each key (System.nanoTime). */
    private final ConcurrentHashMap<UUID, Long> touched = new ConcurrentHashMap<>();

    static final int CACHE_MAX_ENTRIES = 10_000;
    static final Duration MAX_CACHE_AGE = Duration.ofSeconds(5);
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** The cache's maximum age: the configured one, never more than 5 s. */
    Duration cacheMaxAge() {
        Duration configured = config.apiKeys().cacheMaxAge();
        return configured.compareTo(MAX_CACHE_AGE) > 0 ? MAX_CACHE_AGE : configured;
    }

    /**
     * The key a bearer token names, if it exists, is not revoked and has not expired: from this
     * replica's cache when read less than {@link #cacheMaxAge()} ago, else one indexed lookup.
     *
     * <p>Plain JDBC on purpose: the connection goes back to the pool as soon as the row is read.
     * Through the request's Hibernate session (no transaction yet) the connection stayed held for
     * the whole request, so every write request needed two connections at once (this one and its
     * transaction's), and as many concurrent writes as the pool has connections deadlocked until
     * the acquisition timeout (found by bench/run.sh: creates at 32 connections answered 503).
     */
    public Optional<Resolved> resolve(String token) {
        Optional<UUID> organizationId = organizationOf(token);
        if (organizationId.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = hash(token);
        String cacheKey = hex(hash);
        long now = System.nanoTime();
        Cached cached = cache.get(cacheKey);
        if (cached != null && now - cached.readAtNanos() < cacheMaxAge().toNanos()) {
            return usable(cached.key());
        }
        Optional<Resolved> read = read(organizationId.get(), hash);
        if (read.isPresent()) {
            if (cache.size() >= CACHE_MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(cacheKey, new Cached(read.get(), now));
        } else {
            cache.remove(cacheKey);
        }
        return read.flatMap(this::usable);
    }

    private Optional<Resolved> usable(Resolved key) {
        return key.validUntil() == null || key.validUntil().isAfter(clock.instant()) ? Optional.of(key) : Optional.empty();
    }

    private Optional<Resolved> read(UUID organizationId, byte[] hash) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(RESOLVE)) {
            query.setObject(1, organizationId);
            query.setBytes(2, hash);
            query.setBytes(3, hash);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Instant expires = instant(row.getTimestamp(5));
                boolean previous = !java.util.Arrays.equals(hash, row.getBytes(6));
                Instant validUntil = earliest(expires, previous ? instant(row.getTimestamp(7)) : null);
                Role role = Role.fromWire(row.getString(4)).orElseThrow();
                return Optional.of(new Resolved(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                        row.getString(3), role, validUntil));
            }
        } catch (SQLException e) {
            throw new PersistenceException("API key lookup failed", e);
        }
    }

    private static final String RESOLVE = """
            SELECT k.id, k.organization_id, o.default_currency, k.role, k.expires_at, k.key_hash, k.previous_expires_at
            FROM api_keys k JOIN organizations o ON o.id = k.organization_id
            WHERE k.organization_id = ? AND (k.key_hash = ? OR k.previous_key_hash = ?) AND k.revoked_at IS NULL
            LIMIT 1""";

    /** Forgets every cached secret of a key (after it was revoked or rolled on this replica). */
    public void forget(UUID keyId) {
        cache.values().removeIf(c -> c.key().keyId().equals(keyId));
    }

    /** Empties this replica's cache (tests). */
    public void forgetAll() {
        cache.clear();
    }

    /**
     * Records that the key was used: at most once a minute per key and replica, and the UPDATE
     * itself only moves last_used_at when the stored one is a minute old, so the row changes at
     * most once a minute whatever the number of replicas. Its own connection in autocommit, before
     * the request's transaction begins: never part of it, and a failure only costs the timestamp.
     */
    public void touch(Resolved key) {
        long now = System.nanoTime();
        Long last = touched.get(key.keyId());
        if (last != null && now - last < TOUCH_EVERY.toNanos()) {
            return;
        }
        if (touched.size() >= CACHE_MAX_ENTRIES) {
            touched.clear();
        }
        touched.put(key.keyId(), now);
        Instant at = clock.instant();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(TOUCH)) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            update.setObject(1, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
            update.setObject(2, key.organizationId());
            update.setObject(3, key.keyId());
            update.setObject(4, java.time.OffsetDateTime.ofInstant(at.minus(TOUCH_EVERY), java.time.ZoneOffset.UTC));
            update.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("last_used_at of API key %s not recorded: %s", key.keyId(), e.getMessage());
        }
    }

    private static final String TOUCH = """
            UPDATE api_keys SET last_used_at = ?
            WHERE organization_id = ? AND id = ? AND (last_used_at IS NULL OR last_used_at <= ?)""";

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /** The organization a well-formed key belongs to. */
    public static Optional<UUID> organizationOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        String hex = m.group(1);
        return Optional.of(new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                Long.parseUnsignedLong(hex.substring(16), 16)));
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
