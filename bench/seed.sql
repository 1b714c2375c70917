-- Seed for bench/run.sh: set-based inserts (generate_series), no API calls. run.sh replaces
-- :bench_orgs_values with "(k, organization id, customers), ..." of the organizations it created
-- through the admin API. Customer, wallet and event ids are deterministic in (k, n), so the wrk
-- scripts and pgbench can pick random existing rows without a lookup table.
\timing on
SET synchronous_commit = off;
SET maintenance_work_mem = '512MB';

CREATE TEMP TABLE bench_orgs (k int, org uuid, customers int);
INSERT INTO bench_orgs VALUES :bench_orgs_values;

-- Secondary indexes are dropped during the load and rebuilt afterwards from their own definitions
-- (faster than maintaining them row by row); primary keys and constraint indexes stay.
CREATE TEMP TABLE bench_indexes AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
WHERE t.relname IN ('customers', 'wallets', 'events') AND t.relnamespace = 'public'::regnamespace
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT name FROM bench_indexes LOOP
        EXECUTE 'DROP INDEX ' || r.name;
    END LOOP;
END $$;

-- The custom field the custom_field_page operation filters by (issue 13): an ENUM, gold for 5%.
INSERT INTO custom_field_definitions (organization_id, id, key, label, type, required, options, created_at, updated_at)
SELECT o.org, gen_random_uuid(), 'tier', 'Tier', 'ENUM', false, ARRAY['gold', 'standard'], now(), now()
FROM bench_orgs o;

-- One in a hundred customers is archived; tags: eu 60%, trial 20%, enterprise 10%, vip 5%;
-- custom field tier: gold 5% (independent of vip), else standard.
INSERT INTO customers (organization_id, id, external_id, name, email, locale, status, customer_type,
                       billing_country, tags, metadata, custom_fields, version, created_at, updated_at, deleted_at)
SELECT o.org,
       (lpad(to_hex(o.k), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid,
       'ext-' || n,
       'Customer ' || n,
       'customer' || n || '@example.com',
       (ARRAY['en', 'de-DE', 'fr-FR', 'nl-NL'])[1 + n % 4],
       CASE WHEN n % 100 = 99 THEN 'ARCHIVED' ELSE 'ACTIVE' END,
       (ARRAY['BUSINESS', 'CONSUMER', 'UNKNOWN'])[1 + n % 3],
       (ARRAY['DE', 'FR', 'NL', 'BE', 'IE'])[1 + n % 5],
       array_remove(ARRAY[
           CASE WHEN h % 100 < 60 THEN 'eu' END,
           CASE WHEN (h / 100) % 5 = 0 THEN 'trial' END,
           CASE WHEN (h / 1000) % 10 = 0 THEN 'enterprise' END,
           CASE WHEN (h / 10000) % 20 = 0 THEN 'vip' END], NULL),
       jsonb_build_object('crm_id', 'crm-' || n, 'segment', (ARRAY['a', 'b', 'c', 'd'])[1 + n % 4]),
       jsonb_build_object('tier', CASE WHEN (h / 200000) % 20 = 0 THEN 'gold' ELSE 'standard' END),
       1,
       at, at,
       CASE WHEN n % 100 = 99 THEN at END
FROM bench_orgs o
CROSS JOIN LATERAL generate_series(1, o.customers) AS n
CROSS JOIN LATERAL (SELECT abs(hashint4(n)::bigint) AS h,
                           timestamptz '2025-01-01 00:00:00+00' + n * interval '1 second' AS at) x;

INSERT INTO wallets (organization_id, id, customer_id, currency, mode, is_primary, cash_balance,
                     created_at, updated_at)
SELECT c.organization_id,
       (lpad(to_hex(o.k), 8, '0') || '-0000-7000-9000-' || right(c.id::text, 12))::uuid,
       c.id, 'EUR', 'POSTPAID', true, (random() * 1000)::numeric(19, 4), c.created_at, c.created_at
FROM customers c JOIN bench_orgs o ON o.org = c.organization_id;

INSERT INTO events (organization_id, id, type, customer_id, occurred_at, actor_type, data)
SELECT c.organization_id,
       (lpad(to_hex(o.k), 8, '0') || '-0000-7000-a000-' || right(c.id::text, 12))::uuid,
       'customer.created', c.id, c.created_at, 'api_key',
       jsonb_build_object('changes', jsonb_build_object('name', jsonb_build_object('from', NULL, 'to', c.name)))
FROM customers c JOIN bench_orgs o ON o.org = c.organization_id;

DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT definition FROM bench_indexes LOOP
        EXECUTE r.definition;
    END LOOP;
END $$;

VACUUM ANALYZE customers;
VACUUM ANALYZE wallets;
VACUUM ANALYZE events;
