package eu.billing.customers.platform.idempotency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;

import eu.billing.customers.platform.Clocks;

/**
 * The idempotency_keys table, in plain JDBC: inside a JTA transaction the connection is the
 * transaction's (Agroal enlists it), outside one each statement commits on its own.
 */
@ApplicationScoped
public class IdempotencyStore {

    private final DataSource dataSource;
    private final Clock clock;
    private final IdempotencyConfig config;

    public IdempotencyStore(DataSource dataSource, Clock clock, IdempotencyConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
    }

    /** The key's row unless it has expired. */
    Optional<StoredResponse> find(UUID organizationId, String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT request_hash, state, claimed_until, response_status, "
                        + "response_type, response_body, response_location, response_etag, expires_at "
                        + "FROM idempotency_keys WHERE organization_id = ? AND idempotency_key = ? AND expires_at > ?")) {
            ps.setObject(1, organizationId);
            ps.setString(2, key);
            ps.setObject(3, at(Clocks.now(clock)));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int code = rs.getInt(4);
                Integer status = rs.wasNull() ? null : code;
                return Optional.of(new StoredResponse(rs.getBytes(1), rs.getString(2), instant(rs.getTimestamp(3)),
                        status, rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        instant(rs.getTimestamp(9))));
            }
        } catch (SQLException e) {
            throw new PersistenceException("idempotency key lookup failed", e);
        }
    }

    /**
     * Takes the key for this transaction (a PostgreSQL advisory lock, released at commit or
     * rollback): false when another request holds it, that is, is running with the same key.
     */
    boolean tryLock(UUID organizationId, String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, lockId(organizationId, key));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new PersistenceException("idempotency key lock failed", e);
        }
    }

    /**
     * Stores an answer under the key: replaces an expired row or a running claim of the same
     * request, never a live answer (then answers false: another request stored first).
     */
    boolean storeDone(IdempotencyContext ctx, int status, String type, String body, String location, String etag) {
        Instant now = Clocks.now(clock);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO idempotency_keys (organization_id, idempotency_key, request_hash, method, path, state,
                            claimed_until, response_status, response_type, response_body, response_location, response_etag,
                            created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, 'done', NULL, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (organization_id, idempotency_key) DO UPDATE SET request_hash = EXCLUDED.request_hash,
                            method = EXCLUDED.method, path = EXCLUDED.path, state = 'done', claimed_until = NULL,
                            response_status = EXCLUDED.response_status, response_type = EXCLUDED.response_type,
                            response_body = EXCLUDED.response_body, response_location = EXCLUDED.response_location,
                            response_etag = EXCLUDED.response_etag, created_at = EXCLUDED.created_at,
                            expires_at = EXCLUDED.expires_at
                        WHERE idempotency_keys.expires_at <= EXCLUDED.created_at
                            OR (idempotency_keys.state = 'running' AND idempotency_keys.request_hash = EXCLUDED.request_hash)""")) {
            ps.setObject(1, ctx.organizationId());
            ps.setString(2, ctx.key());
            ps.setBytes(3, ctx.requestHash());
            ps.setString(4, ctx.method());
            ps.setString(5, truncate(ctx.path(), 2048));
            ps.setInt(6, status);
            ps.setString(7, type);
            ps.setString(8, body);
            ps.setString(9, location == null ? null : truncate(location, 2048));
            ps.setString(10, etag);
            ps.setObject(11, at(now));
            ps.setObject(12, at(now.plus(config.ttl())));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new PersistenceException("storing an idempotent answer failed", e);
        }
    }

    /**
     * Claims the key for a remote-call route, committed at once: false when a live row exists
     * (a stored answer, or a claim that has not timed out).
     */
    boolean claim(IdempotencyContext ctx) {
        Instant now = Clocks.now(clock);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO idempotency_keys (organization_id, idempotency_key, request_hash, method, path, state,
                            claimed_until, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?)
                        ON CONFLICT (organization_id, idempotency_key) DO UPDATE SET request_hash = EXCLUDED.request_hash,
                            method = EXCLUDED.method, path = EXCLUDED.path, state = 'running',
                            claimed_until = EXCLUDED.claimed_until, response_status = NULL, response_type = NULL,
                            response_body = NULL, response_location = NULL, response_etag = NULL,
                            created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
                        WHERE idempotency_keys.expires_at <= EXCLUDED.created_at
                            OR (idempotency_keys.state = 'running' AND idempotency_keys.claimed_until <= EXCLUDED.created_at)""")) {
            ps.setObject(1, ctx.organizationId());
            ps.setString(2, ctx.key());
            ps.setBytes(3, ctx.requestHash());
            ps.setString(4, ctx.method());
            ps.setString(5, truncate(ctx.path(), 2048));
            ps.setObject(6, at(now.plus(config.claimTimeout())));
            ps.setObject(7, at(now));
            ps.setObject(8, at(now.plus(config.ttl())));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new PersistenceException("claiming an idempotency key failed", e);
        }
    }

    /** Gives up a running claim (the request failed with a 5xx: a retry may run). */
    void release(IdempotencyContext ctx) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM idempotency_keys WHERE organization_id = ? "
                        + "AND idempotency_key = ? AND state = 'running' AND request_hash = ?")) {
            ps.setObject(1, ctx.organizationId());
            ps.setString(2, ctx.key());
            ps.setBytes(3, ctx.requestHash());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("releasing an idempotency key failed", e);
        }
    }

    /** Organizations with expired keys (a read-only scan; the deletes then name one organization each). */
    List<UUID> organizationsWithExpiredKeys(int limit) {
        List<UUID> organizations = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT organization_id FROM idempotency_keys "
                        + "WHERE expires_at <= ? LIMIT ?")) {
            ps.setObject(1, at(Clocks.now(clock)));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    organizations.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("idempotency cleanup scan failed", e);
        }
        return organizations;
    }

    /**
     * Deletes up to {@code batch} expired keys of one organization in one short statement; rows
     * another replica is deleting at the same time are skipped (SKIP LOCKED), so replicas never
     * wait for each other.
     */
    int deleteExpired(UUID organizationId, int batch) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        DELETE FROM idempotency_keys WHERE organization_id = ? AND idempotency_key IN (
                            SELECT idempotency_key FROM idempotency_keys WHERE organization_id = ? AND expires_at <= ?
                            LIMIT ? FOR UPDATE SKIP LOCKED)""")) {
            Instant now = Clocks.now(clock);
            ps.setObject(1, organizationId);
            ps.setObject(2, organizationId);
            ps.setObject(3, at(now));
            ps.setInt(4, batch);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("idempotency cleanup failed", e);
        }
    }

    /** SHA-256 of method, path (with query) and body: what makes two requests "the same request". */
    static byte[] requestHash(String method, String pathAndQuery, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + pathAndQuery + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static long lockId(UUID organizationId, String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(organizationId.toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
