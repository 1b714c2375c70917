--liquibase formatted sql

-- VAT validation (issue 3, docs/vat-validation.md): organization settings, the override expiry
-- on the customer (so an expired override is never shown as MANUAL), the verification history,
-- and the queue of background checks.

--changeset customers:002-organization-vat-settings
ALTER TABLE organizations
    ADD COLUMN vat_validation_enabled   boolean      NOT NULL DEFAULT true,
    ADD COLUMN vies_maintenance_windows jsonb        NOT NULL DEFAULT '[]',
    ADD COLUMN manual_override_max_ttl  varchar(32),
    ADD COLUMN requester_vat_number     varchar(32);

--changeset customers:002-customer-vat-override
ALTER TABLE customers
    ADD COLUMN vat_override_expires_at timestamptz;
ALTER TABLE customers
    ADD CONSTRAINT customers_vat_status_ck CHECK (vat_validation_status IN
        ('UNVALIDATED', 'PENDING', 'VALID', 'INVALID', 'UNAVAILABLE', 'MANUAL'));

--changeset customers:002-vat-verifications
-- One row per check (source VIES or FORMAT) and per manual override (source MANUAL). Rows are
-- inserted; only an override row changes afterwards, once, when it ends (state ACTIVE -> PENDING).
CREATE TABLE vat_verifications (
    organization_id     uuid          NOT NULL,
    id                  uuid          NOT NULL,
    customer_id         uuid          NOT NULL,
    source              varchar(16)   NOT NULL,
    result              varchar(16)   NOT NULL,
    trigger             varchar(16)   NOT NULL,
    vat_number          varchar(32)   NOT NULL,
    country_code        varchar(2),
    request_identifier  varchar(100),
    vies_name           varchar(1000),
    vies_address        varchar(2000),
    vies_request_date   varchar(64),
    error_code          varchar(64),
    actor_type          varchar(16)   NOT NULL,
    actor_api_key_id    uuid,
    actor_label         varchar(200),
    reason              varchar(500),
    state               varchar(16)   NOT NULL,
    created_at          timestamptz   NOT NULL,
    expires_at          timestamptz,
    ended_at            timestamptz,
    ended_reason        varchar(32),
    CONSTRAINT vat_verifications_pk PRIMARY KEY (organization_id, id),
    CONSTRAINT vat_verifications_customer_fk FOREIGN KEY (organization_id, customer_id)
        REFERENCES customers (organization_id, id),
    CONSTRAINT vat_verifications_source_ck CHECK (source IN ('VIES', 'FORMAT', 'MANUAL')),
    CONSTRAINT vat_verifications_result_ck CHECK (result IN ('VALID', 'INVALID', 'UNAVAILABLE', 'MANUAL')),
    CONSTRAINT vat_verifications_state_ck CHECK (state IN ('COMPLETED', 'ACTIVE', 'PENDING')),
    CONSTRAINT vat_verifications_override_ck CHECK ((source = 'MANUAL') = (expires_at IS NOT NULL))
);
-- History of one customer, newest first (keyset pagination).
CREATE INDEX vat_verifications_page_ix ON vat_verifications (organization_id, customer_id, created_at DESC, id DESC);
-- At most one override in force per customer.
CREATE UNIQUE INDEX vat_verifications_active_override_uk ON vat_verifications (organization_id, customer_id)
    WHERE state = 'ACTIVE';
-- The demotion job's scan: overrides in force, by expiry.
CREATE INDEX vat_verifications_expiry_ix ON vat_verifications (expires_at) WHERE state = 'ACTIVE';

--changeset customers:002-vat-checks
-- Background checks to run: at most one per customer. Written in the transaction that makes the
-- check due (an outbox), claimed by a worker with FOR UPDATE SKIP LOCKED and a lease.
CREATE TABLE vat_checks (
    organization_id  uuid          NOT NULL,
    customer_id      uuid          NOT NULL,
    vat_number       varchar(32)   NOT NULL,
    trigger          varchar(16)   NOT NULL,
    attempts         integer       NOT NULL DEFAULT 0,
    due_at           timestamptz   NOT NULL,
    claim_id         uuid,
    created_at       timestamptz   NOT NULL,
    CONSTRAINT vat_checks_pk PRIMARY KEY (organization_id, customer_id),
    CONSTRAINT vat_checks_customer_fk FOREIGN KEY (organization_id, customer_id)
        REFERENCES customers (organization_id, id)
);
CREATE INDEX vat_checks_due_ix ON vat_checks (due_at);
