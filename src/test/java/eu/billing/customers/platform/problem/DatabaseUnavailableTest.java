package eu.billing.customers.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;

import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

/**
 * A database that goes away answers 503, however the failure is wrapped. Found by the reliability
 * suite's database restart: a commit on a connection the server had just terminated surfaced as a
 * RollbackException carrying the SQL error only as a suppressed exception, and answered 500.
 */
class DatabaseUnavailableTest {

    @Test
    void aCommitFailingOnATerminatedConnectionIs503() {
        RollbackException commit = new RollbackException("ARJUNA016053: Could not commit transaction.");
        Exception xa = new Exception("Error trying to transactionCommit local transaction",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        commit.addSuppressed(xa);
        Response response = new ProblemMapper().unexpected(new RuntimeException("Error invoking subclass method", commit), null);
        assertEquals(503, response.getStatus());
        assertEquals("2", response.getHeaderString("Retry-After"));
    }

    @Test
    void aRefusedConnectionIs503AndAnythingElseIs500() {
        Response refused = new ProblemMapper().unexpected(new IllegalStateException(
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001")), null);
        assertEquals(503, refused.getStatus());
        Response other = new ProblemMapper().unexpected(new IllegalStateException("bug"), null);
        assertEquals(500, other.getStatus());
    }

    @Test
    void anExhaustedPoolIs503() {
        // Agroal's own wording, as Hibernate surfaces it when no connection frees up in time
        Response exhausted = new ProblemMapper().unexpected(new jakarta.persistence.PersistenceException(
                new SQLException("Sorry, acquisition timeout!")), null);
        assertEquals(503, exhausted.getStatus());
    }
}
