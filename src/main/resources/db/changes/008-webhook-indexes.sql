--liquibase formatted sql

--changeset customers:008-webhook-endpoint-claims
--comment: a lane refills from its own endpoint's due deliveries (DeliveryQueue.claimForEndpoint)
CREATE INDEX webhook_deliveries_endpoint_due_ix ON webhook_deliveries (organization_id, endpoint_id, due_at);


--changeset customers:008-webhook-attempts-age
--comment: the delivery log's retention (AttemptPruning) deletes an organization's oldest attempts
CREATE INDEX webhook_attempts_age_ix ON webhook_attempts (organization_id, attempted_at);
