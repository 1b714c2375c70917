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
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

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

    private final Clock clock;
    private final DataSource dataSource;

    public ApiKeys(Clock clock, DataSource dataSource) {
        this.clock = clock;
        this.dataSource = dataSource;
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

    /** A newly minted key: its id and the secret, which is shown once and never stored. */
    public record Minted(UUID id, String secret) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Minted mint(UUID organizationId, String name) {
        byte[] random = new byte[32];
        RandomHolder.RANDOM.nextBytes(random);
        String secret = "ck_" + organizationId.toString().replace("-", "") + "_"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new Minted(store(organizationId, secret, name), secret);
    }

    /** Stores a key whose text is given (the dev seed); the text must have the key format. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID store(UUID organizationId, String secret, String name) {
        ApiKey key = new ApiKey();
        key.id = Ids.newId();
        key.organizationId = organizationId;
        key.keyHash = hash(secret);
        key.name = name;
        key.createdAt = Clocks.now(clock);
        key.persist();
        return key.id;
    }

    /** An authenticated key, with what every request needs to know of its organization. */
    public record Resolved(UUID keyId, UUID organizationId, String defaultCurrency) {
    }

    /**
     * The key a bearer token names, if it exists and is not revoked: one indexed lookup.
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
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(RESOLVE)) {
            query.setObject(1, organizationId.get());
            query.setBytes(2, hash(token));
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Resolved(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                        row.getString(3)));
            }
        } catch (SQLException e) {
            throw new PersistenceException("API key lookup failed", e);
        }
    }

    private static final String RESOLVE = """
            SELECT k.id, k.organization_id, o.default_currency
            FROM api_keys k JOIN organizations o ON o.id = k.organization_id
            WHERE k.organization_id = ? AND k.key_hash = ? AND k.revoked_at IS NULL
            LIMIT 1""";

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
