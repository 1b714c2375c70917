package eu.billing.customers.tax;

import java.time.Instant;

import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;

/** 503 VIES_MAINTENANCE_WINDOW; answered with Retry-After (ProblemMapper renders it). */
public class ViesMaintenanceWindowOpen extends DomainException {

    public ViesMaintenanceWindowOpen(Instant closes, long retryAfterSeconds) {
        super(ErrorCode.VIES_MAINTENANCE_WINDOW,
                "the organization's VIES maintenance window is open until " + closes + "; retry after it closes");
        retryAfter(retryAfterSeconds);
        with("window_closes_at", closes.toString());
    }
}
