--liquibase formatted sql

-- Merge (issue 5, docs/merge.md): the records a customer owns besides its wallets, and the pointer
-- a merged customer keeps to the customer it was merged into. Same schema rules as 001: every
-- primary key, index and foreign key starts with organization_id.
--
-- The owned tables deliberately have no unique constraint that includes customer_id: a merge
-- repoints their rows with one UPDATE per table and must never collide with the target's rows.

--changeset customers:003-customers-merged-into
ALTER TABLE customers
    ADD COLUMN merged_into_customer_id uuid,
    ADD CONSTRAINT customers_merged_into_fk FOREIGN KEY (organization_id, merged_into_customer_id)
        REFERENCES customers (organization_id, id),
    -- MERGED if and only if the pointer is set, and never to itself
    ADD CONSTRAINT customers_merged_into_ck CHECK ((status = 'MERGED') = (merged_into_customer_id IS NOT NULL)),
    ADD CONSTRAINT customers_merged_into_self_ck CHECK (merged_into_customer_id <> id);
-- Who was merged into a customer; and the upsert's lookup of a merged customer by external id.
CREATE INDEX customers_merged_into_ix ON customers (organization_id, merged_into_customer_id)
    WHERE merged_into_customer_id IS NOT NULL;
CREATE INDEX customers_external_id_merged_ix ON customers (organization_id, external_id, deleted_at DESC)
    WHERE status = 'MERGED' AND external_id IS NOT NULL;

--changeset customers:003-subscriptions
CREATE TABLE subscriptions (
    organization_id       uuid          NOT NULL,
    id                    uuid          NOT NULL,
    customer_id           uuid          NOT NULL,
    plan_code             varchar(100)  NOT NULL,
    status                varchar(16)   NOT NULL,
    quantity              integer       NOT NULL DEFAULT 1,
    current_period_start  timestamptz,
    current_period_end    timestamptz,
    canceled_at           timestamptz,
    created_at            timestamptz   NOT NULL,
    CONSTRAINT subscriptions_pk PRIMARY KEY (organization_id, id),
    CONSTRAINT subscriptions_customer_fk FOREIGN KEY (organization_id, customer_id)
        REFERENCES customers (organization_id, id),
    CONSTRAINT subscriptions_status_ck CHECK (status IN ('TRIALING', 'ACTIVE', 'PAUSED', 'CANCELED')),
    CONSTRAINT subscriptions_quantity_ck CHECK (quantity > 0)
);
CREATE INDEX subscriptions_customer_ix ON subscriptions (organization_id, customer_id);

--changeset customers:003-invoices
CREATE TABLE invoices (
    organization_id  uuid           NOT NULL,
    id               uuid           NOT NULL,
    customer_id      uuid           NOT NULL,
    number           varchar(64),
    status           varchar(16)    NOT NULL,
    currency         varchar(3)     NOT NULL,
    total_amount     numeric(19,4)  NOT NULL DEFAULT 0,
    issued_at        timestamptz,
    due_at           timestamptz,
    created_at       timestamptz    NOT NULL,
    CONSTRAINT invoices_pk PRIMARY KEY (organization_id, id),
    CONSTRAINT invoices_customer_fk FOREIGN KEY (organization_id, customer_id)
        REFERENCES customers (organization_id, id),
    CONSTRAINT invoices_status_ck CHECK (status IN ('DRAFT', 'ISSUED', 'PAID', 'VOID'))
);
CREATE INDEX invoices_customer_ix ON invoices (organization_id, customer_id);
-- Invoice numbers are unique per organization (not per customer, so a merge cannot collide).
CREATE UNIQUE INDEX invoices_number_uk ON invoices (organization_id, number) WHERE number IS NOT NULL;

--changeset customers:003-payment-methods
CREATE TABLE payment_methods (
    organization_id  uuid          NOT NULL,
    id               uuid          NOT NULL,
    customer_id      uuid          NOT NULL,
    provider         varchar(64)   NOT NULL,
    method_type      varchar(32)   NOT NULL,
    provider_ref     varchar(255)  NOT NULL,
    last4            varchar(4),
    expires_at       timestamptz,
    created_at       timestamptz   NOT NULL,
    CONSTRAINT payment_methods_pk PRIMARY KEY (organization_id, id),
    CONSTRAINT payment_methods_customer_fk FOREIGN KEY (organization_id, customer_id)
        REFERENCES customers (organization_id, id)
);
CREATE INDEX payment_methods_customer_ix ON payment_methods (organization_id, customer_id);

--changeset customers:003-usage-events
CREATE TABLE usage_events (
    organization_id  uuid           NOT NULL,
    id               uuid           NOT NULL,
    customer_id      uuid           NOT NULL,
    meter_code       varchar(100)   NOT NULL,
    quantity         numeric(19,4)  NOT NULL,
    occurred_at      timestamptz    NOT NULL,
    created_at       timestamptz    NOT NULL,
    CONSTRAINT usage_events_pk PRIMARY KEY (organization_id, id),
    CONSTRAINT usage_events_customer_fk FOREIGN KEY (organization_id, customer_id)
        REFERENCES customers (organization_id, id)
);
CREATE INDEX usage_events_customer_ix ON usage_events (organization_id, customer_id);

--changeset customers:003-customer-prices
CREATE TABLE customer_prices (
    organization_id  uuid           NOT NULL,
    id               uuid           NOT NULL,
    customer_id      uuid           NOT NULL,
    product_code     varchar(100)   NOT NULL,
    currency         varchar(3)     NOT NULL,
    unit_amount      numeric(19,4)  NOT NULL,
    valid_from       timestamptz,
    valid_until      timestamptz,
    created_at       timestamptz    NOT NULL,
    CONSTRAINT customer_prices_pk PRIMARY KEY (organization_id, id),
    CONSTRAINT customer_prices_customer_fk FOREIGN KEY (organization_id, customer_id)
        REFERENCES customers (organization_id, id),
    CONSTRAINT customer_prices_amount_ck CHECK (unit_amount >= 0)
);
CREATE INDEX customer_prices_customer_ix ON customer_prices (organization_id, customer_id);

--changeset customers:003-promotion-redemptions
CREATE TABLE promotion_redemptions (
    organization_id  uuid           NOT NULL,
    id               uuid           NOT NULL,
    customer_id      uuid           NOT NULL,
    promotion_code   varchar(100)   NOT NULL,
    currency         varchar(3)     NOT NULL,
    amount           numeric(19,4)  NOT NULL,
    redeemed_at      timestamptz    NOT NULL,
    created_at       timestamptz    NOT NULL,
    CONSTRAINT promotion_redemptions_pk PRIMARY KEY (organization_id, id),
    CONSTRAINT promotion_redemptions_customer_fk FOREIGN KEY (organization_id, customer_id)
        REFERENCES customers (organization_id, id),
    CONSTRAINT promotion_redemptions_amount_ck CHECK (amount >= 0)
);
CREATE INDEX promotion_redemptions_customer_ix ON promotion_redemptions (organization_id, customer_id);
