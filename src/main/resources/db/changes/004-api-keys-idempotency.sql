--liquibase formatted sql

-- API key lifecycle and roles, and Idempotency-Key (issue 15, README "API keys" and "Retries").
-- Same schema rules as 001: every primary key, index and foreign key starts with organization_id.

--changeset customers:004-api-key-lifecycle
-- role: what the key may do (AccessPolicy). Keys made before roles existed keep full access (admin).
-- prefix: the first characters of the key (never enough to use it), to recognise it in lists.
-- A rolled key keeps its record: key_hash is the new secret's, previous_key_hash the old one's,
-- which authenticates until previous_expires_at.
-- created_by_*: the actor who made the key (admin token for every key made before this change).
ALTER TABLE api_keys
    ADD COLUMN role                  varchar(16)  NOT NULL DEFAULT 'admin',
    ADD COLUMN prefix                varchar(64),
    ADD COLUMN expires_at            timestamptz,
    ADD COLUMN last_used_at          timestamptz,
    ADD COLUMN previous_key_hash     bytea,
    ADD COLUMN previous_expires_at   timestamptz,
    ADD COLUMN rolled_at             timestamptz,
    ADD COLUMN created_by_type       varchar(16)  NOT NULL DEFAULT 'admin',
    ADD COLUMN created_by_api_key_id uuid,
    ADD COLUMN created_by_label      varchar(200),
    ADD CONSTRAINT api_keys_role_ck CHECK (role IN ('admin', 'write', 'read_only')),
    ADD CONSTRAINT api_keys_previous_ck CHECK ((previous_key_hash IS NULL) = (previous_expires_at IS NULL));
UPDATE api_keys SET prefix = 'ck_' || replace(organization_id::text, '-', '') || '_' WHERE prefix IS NULL;
ALTER TABLE api_keys ALTER COLUMN prefix SET NOT NULL;
ALTER TABLE api_keys ALTER COLUMN role DROP DEFAULT;
-- Authentication by a rolled key's previous secret during its overlap.
CREATE INDEX api_keys_previous_hash_ix ON api_keys (organization_id, previous_key_hash)
    WHERE previous_key_hash IS NOT NULL;
-- The key listing, newest first.
CREATE INDEX api_keys_page_ix ON api_keys (organization_id, created_at DESC, id DESC);

--changeset customers:004-idempotency-keys
-- Idempotency-Key (README "Retries"): the first answer to a write sent with a key, replayed for a
-- repeat of the same request. request_hash is SHA-256 of method, path, query and body. A row is
-- 'done' (the answer is stored) or, for the routes that call a remote service outside any
-- transaction (IdempotencyKeys.OWN_TRANSACTIONS), 'running' while that request runs: a claim that
-- another replica may take over after claimed_until (the request died). Expired rows are deleted
-- in small batches by IdempotencyCleanup.
CREATE TABLE idempotency_keys (
    organization_id   uuid          NOT NULL,
    idempotency_key   varchar(255)  NOT NULL,
    request_hash      bytea         NOT NULL,
    method            varchar(8)    NOT NULL,
    path              varchar(2048) NOT NULL,
    state             varchar(8)    NOT NULL,
    claimed_until     timestamptz,
    response_status   integer,
    response_type     varchar(100),
    response_body     text,
    response_location varchar(2048),
    response_etag     varchar(100),
    created_at        timestamptz   NOT NULL,
    expires_at        timestamptz   NOT NULL,
    CONSTRAINT idempotency_keys_pk PRIMARY KEY (organization_id, idempotency_key),
    CONSTRAINT idempotency_keys_organization_fk FOREIGN KEY (organization_id) REFERENCES organizations (id),
    CONSTRAINT idempotency_keys_state_ck CHECK (state IN ('running', 'done')),
    CONSTRAINT idempotency_keys_done_ck CHECK ((state = 'done') = (response_status IS NOT NULL))
);
-- The cleanup finds organizations with expired keys, then deletes per organization.
CREATE INDEX idempotency_keys_expiry_ix ON idempotency_keys (organization_id, expires_at);
