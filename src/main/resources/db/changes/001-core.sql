--liquibase formatted sql

-- Schema rules (docs/scaling.md, checked by SchemaRulesTest): every table but organizations
-- carries organization_id NOT NULL, and every primary key, unique index and foreign key
-- includes it, so the tables can be distributed by organization_id (Citus) and co-located.

--changeset customers:001-organizations
CREATE TABLE organizations (
    id               uuid         NOT NULL,
    name             varchar(200) NOT NULL,
    default_currency varchar(3)    NOT NULL,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    CONSTRAINT organizations_pk PRIMARY KEY (id)
);

--changeset customers:001-api-keys
-- The secret is never stored: key_hash is SHA-256 of the whole key. The key text embeds the
-- organization id, so authentication is a lookup by (organization_id, key_hash).
CREATE TABLE api_keys (
    organization_id uuid         NOT NULL,
    id              uuid         NOT NULL,
    key_hash        bytea        NOT NULL,
    name            varchar(200),
    created_at      timestamptz  NOT NULL,
    revoked_at      timestamptz,
    CONSTRAINT api_keys_pk PRIMARY KEY (organization_id, id),
    CONSTRAINT api_keys_hash_uk UNIQUE (organization_id, key_hash),
    CONSTRAINT api_keys_organization_fk FOREIGN KEY (organization_id) REFERENCES organizations (id)
);

--changeset customers:001-customers
CREATE TABLE customers (
    organization_id                 uuid          NOT NULL,
    id                              uuid          NOT NULL,
    external_id                     varchar(255),
    name                            varchar(200)  NOT NULL,
    email                           varchar(320),
    locale                          varchar(64),
    status                          varchar(16)   NOT NULL,
    customer_type                   varchar(16)   NOT NULL DEFAULT 'UNKNOWN',
    billing_model                   varchar(16),
    mode                            varchar(16)   NOT NULL DEFAULT 'POSTPAID',
    preferred_currency              varchar(3),
    payment_terms_days              integer,
    peppol_id                       varchar(255),
    prefer_einvoice                 boolean       NOT NULL DEFAULT false,
    einvoice_email                  varchar(320),
    preferred_provider              varchar(64),
    disabled_providers              text[]        NOT NULL DEFAULT '{}',
    default_credit_limit            numeric(19,4),
    default_max_balance             numeric(19,4),
    default_max_single_credit       numeric(19,4),
    default_low_balance_threshold   numeric(19,4),
    default_auto_topup_enabled      boolean       NOT NULL DEFAULT false,
    default_auto_topup_amount       numeric(19,4),
    vat_number                      varchar(32),
    vat_validation_status           varchar(16)   NOT NULL DEFAULT 'UNVALIDATED',
    vat_validation_disabled         boolean       NOT NULL DEFAULT false,
    vat_validation_disabled_reason  varchar(500),
    billing_line1                   varchar(200),
    billing_line2                   varchar(200),
    billing_city                    varchar(100),
    billing_postal_code             varchar(20),
    billing_region                  varchar(100),
    billing_country                 varchar(2),
    tags                            text[]        NOT NULL DEFAULT '{}',
    metadata                        jsonb         NOT NULL DEFAULT '{}',
    version                         integer       NOT NULL,
    created_at                      timestamptz   NOT NULL,
    updated_at                      timestamptz   NOT NULL,
    deleted_at                      timestamptz,
    CONSTRAINT customers_pk PRIMARY KEY (organization_id, id),
    CONSTRAINT customers_organization_fk FOREIGN KEY (organization_id) REFERENCES organizations (id),
    CONSTRAINT customers_status_ck CHECK (status IN ('ACTIVE', 'SUSPENDED', 'ARCHIVED', 'MERGED')),
    CONSTRAINT customers_deleted_ck CHECK ((deleted_at IS NULL) = (status IN ('ACTIVE', 'SUSPENDED'))),
    CONSTRAINT customers_customer_type_ck CHECK (customer_type IN ('BUSINESS', 'CONSUMER', 'UNKNOWN')),
    CONSTRAINT customers_billing_model_ck CHECK (billing_model IN ('PREPAID', 'POSTPAID', 'HYBRID')),
    CONSTRAINT customers_mode_ck CHECK (mode IN ('PREPAID', 'POSTPAID')),
    CONSTRAINT customers_payment_terms_ck CHECK (payment_terms_days BETWEEN 0 AND 365),
    CONSTRAINT customers_amounts_ck CHECK (default_credit_limit >= 0 AND default_max_balance >= 0
        AND default_max_single_credit >= 0 AND default_low_balance_threshold >= 0
        AND default_auto_topup_amount >= 0)
);
-- An external id belongs to at most one live (not archived, not merged) customer: this index,
-- with INSERT ... ON CONFLICT DO NOTHING, is what makes concurrent upserts safe.
CREATE UNIQUE INDEX customers_external_id_live_uk ON customers (organization_id, external_id)
    WHERE deleted_at IS NULL AND external_id IS NOT NULL;
-- Keyset pagination, newest first: the default listing (live customers) and the status filter.
CREATE INDEX customers_live_page_ix ON customers (organization_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX customers_status_page_ix ON customers (organization_id, status, created_at DESC, id DESC);
-- Tag containment (tags @> ARRAY[...]).
CREATE INDEX customers_tags_ix ON customers USING gin (tags);

--changeset customers:001-wallets
CREATE TABLE wallets (
    organization_id                 uuid          NOT NULL,
    id                              uuid          NOT NULL,
    customer_id                     uuid          NOT NULL,
    currency                        varchar(3)     NOT NULL,
    mode                            varchar(16)   NOT NULL,
    is_primary                      boolean       NOT NULL,
    status                          varchar(16)   NOT NULL DEFAULT 'ACTIVE',
    auto_topup_enabled              boolean       NOT NULL DEFAULT false,
    auto_topup_amount               numeric(19,4),
    credit_limit                    numeric(19,4),
    max_balance                     numeric(19,4),
    max_single_credit               numeric(19,4),
    low_balance_threshold           numeric(19,4),
    cash_balance                    numeric(19,4) NOT NULL DEFAULT 0,
    held_balance                    numeric(19,4) NOT NULL DEFAULT 0,
    promotional_balance             numeric(19,4) NOT NULL DEFAULT 0,
    promotional_balance_expires_at  timestamptz,
    created_at                      timestamptz   NOT NULL,
    updated_at                      timestamptz   NOT NULL,
    closed_at                       timestamptz,
    CONSTRAINT wallets_pk PRIMARY KEY (organization_id, id),
    CONSTRAINT wallets_customer_fk FOREIGN KEY (organization_id, customer_id)
        REFERENCES customers (organization_id, id),
    CONSTRAINT wallets_mode_ck CHECK (mode IN ('PREPAID', 'POSTPAID')),
    CONSTRAINT wallets_status_ck CHECK (status IN ('ACTIVE', 'CLOSED'))
);
CREATE INDEX wallets_customer_ix ON wallets (organization_id, customer_id);
-- One primary wallet per customer, and one open wallet per customer and currency.
CREATE UNIQUE INDEX wallets_primary_uk ON wallets (organization_id, customer_id) WHERE is_primary;
CREATE UNIQUE INDEX wallets_currency_uk ON wallets (organization_id, customer_id, currency)
    WHERE status = 'ACTIVE';

--changeset customers:001-events
-- Immutable audit trail and outbox: rows are only ever inserted.
CREATE TABLE events (
    organization_id   uuid          NOT NULL,
    id                uuid          NOT NULL,
    type              varchar(64)   NOT NULL,
    customer_id       uuid,
    occurred_at       timestamptz   NOT NULL,
    actor_type        varchar(16)   NOT NULL,
    actor_api_key_id  uuid,
    actor_label       varchar(200),
    reason            varchar(500),
    data              jsonb         NOT NULL,
    CONSTRAINT events_pk PRIMARY KEY (organization_id, id),
    CONSTRAINT events_customer_fk FOREIGN KEY (organization_id, customer_id)
        REFERENCES customers (organization_id, id)
);
CREATE INDEX events_page_ix ON events (organization_id, occurred_at DESC, id DESC);
CREATE INDEX events_customer_page_ix ON events (organization_id, customer_id, occurred_at DESC, id DESC);
CREATE INDEX events_type_page_ix ON events (organization_id, type, occurred_at DESC, id DESC);
