package eu.billing.customers.reliability;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import eu.billing.customers.support.PackagedApp;

/** A check of the reliability suite: the packaged service started for it ({@link Reliability#startApp}). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReliabilityCheck {

    PackagedApp app;

    /** The service's extra environment. */
    Map<String, String> environment() {
        return Map.of();
    }

    /** Runs before the service starts; may skip the check ({@link Reliability#skip}). */
    void requirements() throws Exception {
    }

    @BeforeAll
    void startService() throws Exception {
        requirements();
        app = Reliability.startApp(environment());
    }

    @AfterAll
    void stopService() throws Exception {
        if (app != null) {
            app.close();
        }
    }
}
