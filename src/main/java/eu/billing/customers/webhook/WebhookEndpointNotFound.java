package eu.billing.customers.webhook;

import java.util.UUID;

import eu.billing.customers.platform.problem.DomainException;
import eu.billing.customers.platform.problem.ErrorCode;

/** No webhook endpoint with this id in the caller's organization (another organization's is "not found" too). */
public class WebhookEndpointNotFound extends DomainException {
    public WebhookEndpointNotFound(UUID id) {
        super(ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, "no webhook endpoint " + id);
    }
}
