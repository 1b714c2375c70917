package eu.billing.customers.platform.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The CLI probe against the running service (its readiness includes the database). */
@QuarkusTest
class HealthProbeLiveTest {

    @TestHTTPResource("/")
    URL app;

    @Test
    void liveInstanceIsUp() {
        HealthProbeTest.Result r = HealthProbeTest.probe("--url", app.toString(), "--timeout", "5s");
        assertEquals(HealthProbe.UP, r.code(), r.line());
        assertTrue(r.line().contains("HTTP 200"), r.line());
    }
}
