--liquibase formatted sql

-- Custom fields (issue 13, README "Custom fields"): the organization's own typed fields for its
-- customers. Same schema rules as 001: organization_id in every key.

--changeset customers:006-custom-field-definitions
-- One row per key and organization, live or archived: an archived key can only come back with its
-- type (reusing it with another type is refused), so the key stays unique across both.
CREATE TABLE custom_field_definitions (
    organization_id  uuid          NOT NULL,
    id               uuid          NOT NULL,
    key              varchar(40)   NOT NULL,
    label            varchar(200)  NOT NULL,
    description      varchar(1000),
    type             varchar(16)   NOT NULL,
    required         boolean       NOT NULL DEFAULT false,
    options          text[],
    max_length       integer,
    created_at       timestamptz   NOT NULL,
    updated_at       timestamptz   NOT NULL,
    archived_at      timestamptz,
    CONSTRAINT custom_field_definitions_pk PRIMARY KEY (organization_id, id),
    CONSTRAINT custom_field_definitions_key_uk UNIQUE (organization_id, key),
    CONSTRAINT custom_field_definitions_type_ck CHECK (type IN ('STRING', 'NUMBER', 'BOOLEAN', 'DATE', 'ENUM')),
    CONSTRAINT custom_field_definitions_options_ck CHECK ((type = 'ENUM') = (options IS NOT NULL)),
    CONSTRAINT custom_field_definitions_max_length_ck CHECK (max_length IS NULL
        OR (type = 'STRING' AND max_length BETWEEN 1 AND 500))
);
-- Keyset pagination, newest first.
CREATE INDEX custom_field_definitions_page_ix ON custom_field_definitions (organization_id, created_at DESC, id DESC);

--changeset customers:006-custom-field-definitions-citus
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:1 SELECT count(*) FROM pg_extension WHERE extname = 'citus'
-- docs/scaling.md "A table added by a later migration": distributed before its foreign key and any row.
SELECT create_distributed_table('custom_field_definitions', 'organization_id', colocate_with => 'customers');

--changeset customers:006-custom-field-definitions-keys
ALTER TABLE custom_field_definitions ADD CONSTRAINT custom_field_definitions_organization_fk
    FOREIGN KEY (organization_id) REFERENCES organizations (id);

--changeset customers:006-customers-custom-fields
-- The values, key to JSON value (a string, or a boolean for BOOLEAN fields), validated by the
-- service against the definitions. The GIN index serves the equality filter
-- (custom_fields @> '{"<key>": <value>}') the way customers_tags_ix serves the tag filter.
ALTER TABLE customers ADD COLUMN custom_fields jsonb NOT NULL DEFAULT '{}';
CREATE INDEX customers_custom_fields_ix ON customers USING gin (custom_fields jsonb_path_ops);
