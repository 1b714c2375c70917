package eu.billing.customers.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The packaged application runs in the prod profile, where no admin token is configured; the
 * integration tests hand it the test token (passed to the launched jar or binary as a system
 * property), so that {@link Api#newOrganization()} works against it.
 */
public class AdminTokenResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("customers.admin-token", Api.ADMIN_TOKEN);
    }

    @Override
    public void stop() {
        // nothing to stop
    }
}
