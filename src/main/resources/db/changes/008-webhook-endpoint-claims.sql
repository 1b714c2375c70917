--liquibase formatted sql

--changeset customers:008-webhook-endpoint-claims
--comment: a lane refills from its own endpoint's due deliveries (DeliveryQueue.claimForEndpoint)
CREATE INDEX webhook_deliveries_endpoint_due_ix ON webhook_deliveries (organization_id, endpoint_id, due_at);
--rollback DROP INDEX webhook_deliveries_endpoint_due_ix;
