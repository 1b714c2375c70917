package eu.billing.customers.platform.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness is trivial on purpose: the process answers, so it is alive. The database belongs to
 * readiness (the datasource check Quarkus adds), never to liveness: a database outage must not
 * make Kubernetes restart every replica.
 */
@Liveness
@ApplicationScoped
public class Alive implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("alive");
    }
}
