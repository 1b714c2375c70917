--liquibase formatted sql

-- Webhooks (issue 14, docs/webhooks.md): the endpoints of an organization with their signing
-- secrets, the queue of deliveries (one row per event and endpoint still to deliver, written in the
-- transaction of the event: the events table stays the outbox, this is its fan-out), and the log of
-- delivery attempts.

--changeset customers:007-webhook-endpoints
CREATE TABLE webhook_endpoints (
    organization_id             uuid           NOT NULL,
    id                          uuid           NOT NULL,
    url                         varchar(2048)  NOT NULL,
    description                 varchar(500),
    enabled_events              jsonb          NOT NULL,
    disabled                    boolean        NOT NULL DEFAULT false,
    disabled_reason             varchar(16),
    secret                      varchar(100)   NOT NULL,
    previous_secret             varchar(100),
    previous_secret_expires_at  timestamptz,
    failing_since               timestamptz,
    version                     integer        NOT NULL,
    created_at                  timestamptz    NOT NULL,
    updated_at                  timestamptz    NOT NULL,
    CONSTRAINT webhook_endpoints_pk PRIMARY KEY (organization_id, id),
    CONSTRAINT webhook_endpoints_organization_fk FOREIGN KEY (organization_id) REFERENCES organizations (id),
    CONSTRAINT webhook_endpoints_disabled_ck CHECK ((disabled_reason IS NOT NULL) = disabled),
    CONSTRAINT webhook_endpoints_previous_secret_ck
        CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))
);
-- The list, newest first (keyset pagination).
CREATE INDEX webhook_endpoints_page_ix ON webhook_endpoints (organization_id, created_at DESC, id DESC);

--changeset customers:007-webhook-deliveries
-- The deliveries still to make: one row per event and endpoint, written in the transaction of the
-- event (the fan-out of the events outbox), claimed with FOR UPDATE SKIP LOCKED and a lease
-- (platform/queue/LeasedQueue), deleted once delivered or given up. The id is derived from the
-- endpoint and the event, so an event is queued at most once per endpoint at a time.
CREATE TABLE webhook_deliveries (
    organization_id  uuid          NOT NULL,
    id               uuid          NOT NULL,
    endpoint_id      uuid          NOT NULL,
    event_id         uuid          NOT NULL,
    attempts         integer       NOT NULL DEFAULT 0,
    due_at           timestamptz   NOT NULL,
    claim_id         uuid,
    created_at       timestamptz   NOT NULL,
    CONSTRAINT webhook_deliveries_pk PRIMARY KEY (organization_id, id),
    CONSTRAINT webhook_deliveries_endpoint_fk FOREIGN KEY (organization_id, endpoint_id)
        REFERENCES webhook_endpoints (organization_id, id) ON DELETE CASCADE,
    CONSTRAINT webhook_deliveries_event_fk FOREIGN KEY (organization_id, event_id)
        REFERENCES events (organization_id, id)
);
CREATE INDEX webhook_deliveries_due_ix ON webhook_deliveries (organization_id, due_at);
CREATE INDEX webhook_deliveries_scan_ix ON webhook_deliveries (due_at);
CREATE INDEX webhook_deliveries_endpoint_ix ON webhook_deliveries (organization_id, endpoint_id, created_at);

--changeset customers:007-webhook-attempts
-- The delivery log: one row per HTTP attempt (or refusal), newest first per endpoint.
CREATE TABLE webhook_attempts (
    organization_id  uuid          NOT NULL,
    id               uuid          NOT NULL,
    endpoint_id      uuid          NOT NULL,
    delivery_id      uuid          NOT NULL,
    event_id         uuid          NOT NULL,
    event_type       varchar(64)   NOT NULL,
    attempt          integer       NOT NULL,
    attempted_at     timestamptz   NOT NULL,
    outcome          varchar(16)   NOT NULL,
    status_code      integer,
    error            varchar(500),
    duration_ms      integer       NOT NULL,
    next_attempt_at  timestamptz,
    CONSTRAINT webhook_attempts_pk PRIMARY KEY (organization_id, id),
    CONSTRAINT webhook_attempts_endpoint_fk FOREIGN KEY (organization_id, endpoint_id)
        REFERENCES webhook_endpoints (organization_id, id) ON DELETE CASCADE,
    CONSTRAINT webhook_attempts_outcome_ck CHECK (outcome IN ('succeeded', 'failed', 'gave_up'))
);
CREATE INDEX webhook_attempts_page_ix ON webhook_attempts (organization_id, endpoint_id, attempted_at DESC, id DESC);
CREATE INDEX webhook_attempts_delivery_ix ON webhook_attempts (organization_id, delivery_id, attempted_at DESC);
