package eu.billing.customers.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;

import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

/**
 * Unique violations are client conflicts, whatever name the database gives the constraint. Citus
 * reports a shard's copy of an index, whose name is the index's with {@code _<shard id>} appended
 * ({@code customers_external_id_live_uk_102026}); found on a real cluster, where the exact-name
 * lookup answered 500 instead of 409 (issue 17).
 */
class ConstraintNamesTest {

    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void everyKnownConstraintIsMatchedWithOrWithoutAShardSuffix() {
        assertFalse(ProblemMapper.CONSTRAINTS.isEmpty());
        ProblemMapper.CONSTRAINTS.forEach((constraint, code) -> {
            for (String reported : List.of(constraint, constraint + "_102008", constraint + "_102026",
                    constraint + "_1", constraint + "_" + Long.MAX_VALUE)) {
                Response response = mapper.unexpected(uniqueViolation(reported), null);
                assertEquals(code.status(), response.getStatus(), reported);
                assertEquals(code.name(), codeOf(response), reported);
            }
        });
    }

    @Test
    void aLookalikeNameIsNotTheKnownConstraint() {
        for (String reported : List.of("customers_external_id_live_uk2", "customers_external_id_live_uk_old",
                "customers_external_id_live_uk_", "old_customers_external_id_live_uk")) {
            Response response = mapper.unexpected(uniqueViolation(reported), null);
            assertEquals(409, response.getStatus(), reported);
            assertEquals("CONFLICT", codeOf(response), reported);
        }
    }

    @Test
    void aUniqueViolationTheMapperDoesNotKnowIs409Conflict() {
        Response shard = mapper.unexpected(new RuntimeException(uniqueViolation("wallets_currency_uk_102040")), null);
        assertEquals(409, shard.getStatus());
        assertEquals("CONFLICT", codeOf(shard));
        // a plain JDBC failure, not translated by Hibernate: recognised by its SQLState alone
        Response jdbc = mapper.unexpected(new PersistenceException(new SQLException(
                "ERROR: duplicate key value violates unique constraint \"api_keys_hash_uk\"", "23505")), null);
        assertEquals(409, jdbc.getStatus());
        assertEquals("CONFLICT", codeOf(jdbc));
        // another integrity violation is still a server error: it is our bug, not the client's conflict
        Response foreignKey = mapper.unexpected(new PersistenceException(new SQLException(
                "ERROR: insert or update violates foreign key constraint", "23503")), null);
        assertEquals(500, foreignKey.getStatus());
    }

    /**
     * Citus appends {@code _<shard id>} (up to 20 digits) and shortens a name that would exceed
     * PostgreSQL's 63 bytes with a hash in it, which no suffix rule can undo: every known name
     * leaves room for the longest suffix.
     */
    @Test
    void knownNamesLeaveRoomForTheLongestShardSuffix() {
        ProblemMapper.CONSTRAINTS.keySet().forEach(name -> assertTrue(
                name.length() + ("_" + Long.MAX_VALUE).length() <= 63, name + " is too long to carry a shard id"));
    }

    private static ConstraintViolationException uniqueViolation(String constraint) {
        return new ConstraintViolationException("could not execute statement", new SQLException(
                "ERROR: duplicate key value violates unique constraint \"" + constraint + "\"", "23505"), constraint);
    }

    private static String codeOf(Response response) {
        return String.valueOf(((Map<?, ?>) response.getEntity()).get("code"));
    }
}
