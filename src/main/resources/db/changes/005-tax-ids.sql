--liquibase formatted sql

-- Tax identifiers (issue 11, docs/tax-ids.md "Storage: one source of truth"). The customer's
-- primary VAT identifier stays where issue 3 put it (customers.vat_number, vat_validation_status,
-- the override and the vat_verifications history); tax_ids holds every other identifier with its
-- current verification. Same schema rules as 001 (docs/scaling.md): organization_id in every key.

--changeset customers:005-tax-ids-table
CREATE TABLE tax_ids (
    organization_id   uuid          NOT NULL,
    id                uuid          NOT NULL,
    customer_id       uuid          NOT NULL,
    type              varchar(16)   NOT NULL,
    country           varchar(2),
    value             varchar(64)   NOT NULL,
    status            varchar(16)   NOT NULL,
    provider          varchar(16),
    checked_at        timestamptz,
    verified_name     varchar(1000),
    verified_address  varchar(2000),
    reference         varchar(100),
    error_code        varchar(64),
    created_at        timestamptz   NOT NULL,
    updated_at        timestamptz   NOT NULL,
    CONSTRAINT tax_ids_pk PRIMARY KEY (organization_id, id),
    CONSTRAINT tax_ids_type_ck CHECK (type IN ('eu_vat', 'gb_vat', 'ch_vat', 'no_vat', 'other')),
    CONSTRAINT tax_ids_status_ck CHECK (status IN
        ('PENDING', 'VALID', 'INVALID', 'UNAVAILABLE', 'MANUAL', 'UNVERIFIABLE')),
    CONSTRAINT tax_ids_country_ck CHECK ((type = 'other') = (country IS NULL))
);
-- At most one identifier per type and country on a customer (other has no country: one per value).
CREATE UNIQUE INDEX tax_ids_type_country_uk ON tax_ids (organization_id, customer_id, type, country);
CREATE UNIQUE INDEX tax_ids_type_value_uk ON tax_ids (organization_id, customer_id, type, value);

--changeset customers:005-tax-ids-citus
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:1 SELECT count(*) FROM pg_extension WHERE extname = 'citus'
SELECT create_distributed_table('tax_ids', 'organization_id', colocate_with => 'customers');

--changeset customers:005-tax-ids-keys
ALTER TABLE tax_ids ADD CONSTRAINT tax_ids_customer_fk FOREIGN KEY (organization_id, customer_id)
    REFERENCES customers (organization_id, id);

--changeset customers:005-tax-id-checks
-- Background checks of the identifiers in tax_ids (at most one per identifier), on the same leased
-- queue as vat_checks: written in the transaction that makes the check due, claimed with
-- FOR UPDATE SKIP LOCKED and a lease.
CREATE TABLE tax_id_checks (
    organization_id  uuid          NOT NULL,
    tax_id           uuid          NOT NULL,
    customer_id      uuid          NOT NULL,
    value            varchar(64)   NOT NULL,
    trigger          varchar(16)   NOT NULL,
    attempts         integer       NOT NULL DEFAULT 0,
    due_at           timestamptz   NOT NULL,
    claim_id         uuid,
    created_at       timestamptz   NOT NULL,
    CONSTRAINT tax_id_checks_pk PRIMARY KEY (organization_id, tax_id)
);
CREATE INDEX tax_id_checks_due_ix ON tax_id_checks (due_at);

--changeset customers:005-tax-id-checks-citus
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:1 SELECT count(*) FROM pg_extension WHERE extname = 'citus'
SELECT create_distributed_table('tax_id_checks', 'organization_id', colocate_with => 'customers');

--changeset customers:005-tax-id-checks-keys
ALTER TABLE tax_id_checks ADD CONSTRAINT tax_id_checks_tax_id_fk FOREIGN KEY (organization_id, tax_id)
    REFERENCES tax_ids (organization_id, id) ON DELETE CASCADE;

--changeset customers:005-tax-id-leases
-- One register call per identifier at a time, whichever replica makes it: a verification first
-- inserts its lease here (the primary key refuses a second one until the first ends or expires).
CREATE TABLE tax_id_leases (
    organization_id  uuid          NOT NULL,
    customer_id      uuid          NOT NULL,
    value            varchar(64)   NOT NULL,
    claim_id         uuid          NOT NULL,
    expires_at       timestamptz   NOT NULL,
    CONSTRAINT tax_id_leases_pk PRIMARY KEY (organization_id, customer_id, value)
);

--changeset customers:005-tax-id-leases-citus
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:1 SELECT count(*) FROM pg_extension WHERE extname = 'citus'
SELECT create_distributed_table('tax_id_leases', 'organization_id', colocate_with => 'customers');

--changeset customers:005-tax-id-leases-keys
ALTER TABLE tax_id_leases ADD CONSTRAINT tax_id_leases_customer_fk FOREIGN KEY (organization_id, customer_id)
    REFERENCES customers (organization_id, id);

--changeset customers:005-vat-verifications-tax-ids
-- The history lists the checks of every identifier: tax_id names the identifier of tax_ids that was
-- checked (null: the primary, customers.vat_number); the other registers are sources too.
ALTER TABLE vat_verifications ADD COLUMN tax_id uuid;
ALTER TABLE vat_verifications DROP CONSTRAINT vat_verifications_source_ck;
ALTER TABLE vat_verifications ADD CONSTRAINT vat_verifications_source_ck
    CHECK (source IN ('VIES', 'FORMAT', 'MANUAL', 'HMRC', 'CH_UID', 'BRREG'));

--changeset customers:005-customer-vat-number-set-at
-- When the primary identifier was set: its created_at in tax_ids answers.
ALTER TABLE customers ADD COLUMN vat_number_set_at timestamptz;
UPDATE customers SET vat_number_set_at = updated_at WHERE vat_number IS NOT NULL;

--changeset customers:005-organization-tax-settings
ALTER TABLE organizations
    ADD COLUMN disabled_verification_providers text[] NOT NULL DEFAULT '{}',
    ADD COLUMN requester_gb_vat_number varchar(32);

--changeset customers:005-organization-treatment-settings
-- What the tax treatment needs of the seller (docs/tax-treatment.md).
ALTER TABLE organizations
    ADD COLUMN home_country            varchar(2),
    ADD COLUMN payment_terms_business  integer,
    ADD COLUMN payment_terms_consumer  integer,
    ADD COLUMN payment_terms_unknown   integer,
    ADD COLUMN unknown_price_display   varchar(8);

--changeset customers:005-customer-tax-treatment
-- The tax treatment last announced for the customer (customer.tax_treatment_changed compares with it).
-- Answers never read it: they derive the treatment from the current data.
ALTER TABLE customers ADD COLUMN tax_treatment jsonb;
