package eu.billing.customers.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The schema rules that let every table be distributed by organization_id (Citus), read from the
 * catalog after Liquibase ran: a future migration that breaks one fails here. See docs/scaling.md.
 */
@QuarkusTest
class SchemaRulesTest {

    /** Global, small, read-mostly tables (Citus reference tables) and Liquibase's bookkeeping. */
    static final Set<String> GLOBAL = Set.of("organizations");
    static final Set<String> TOOLING = Set.of("databasechangelog", "databasechangeloglock");

    @Inject
    AgroalDataSource db;

    @Test
    void everyTenantTableCarriesANotNullOrganizationId() throws Exception {
        List<String> violations = new ArrayList<>();
        List<String> tables = tenantTables();
        assertTrue(tables.containsAll(List.of("customers", "wallets", "events", "api_keys")), tables.toString());
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT is_nullable FROM information_schema.columns "
                        + "WHERE table_schema = 'public' AND table_name = '" + table + "' AND column_name = 'organization_id'")) {
                    if (!rs.next()) {
                        violations.add(table + " has no organization_id");
                    } else if (!"NO".equals(rs.getString(1))) {
                        violations.add(table + ".organization_id is nullable");
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void everyPrimaryKeyAndUniqueIndexIncludesOrganizationId() throws Exception {
        List<String> violations = new ArrayList<>();
        String sql = """
                SELECT t.relname, ic.relname,
                       array(SELECT a.attname::text FROM pg_attribute a
                             WHERE a.attrelid = t.oid AND a.attnum = ANY(i.indkey))
                FROM pg_index i
                JOIN pg_class t ON t.oid = i.indrelid
                JOIN pg_class ic ON ic.oid = i.indexrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = 'public' AND i.indisunique""";
        int checked = 0;
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (GLOBAL.contains(table) || TOOLING.contains(table)) {
                    continue;
                }
                checked++;
                List<String> columns = columns(rs.getArray(3));
                if (!columns.contains("organization_id")) {
                    violations.add(table + "." + rs.getString(2) + " " + columns);
                }
            }
        }
        assertTrue(checked >= 6, "primary keys and unique indexes were found: " + checked);
        assertEquals(List.of(), violations);
    }

    @Test
    void everyForeignKeyIncludesOrganizationId() throws Exception {
        List<String> violations = new ArrayList<>();
        String sql = """
                SELECT con.conname, con.conrelid::regclass::text, con.confrelid::regclass::text,
                       array(SELECT a.attname::text FROM pg_attribute a
                             WHERE a.attrelid = con.conrelid AND a.attnum = ANY(con.conkey))
                FROM pg_constraint con
                JOIN pg_namespace n ON n.oid = con.connamespace
                WHERE n.nspname = 'public' AND con.contype = 'f'""";
        int checked = 0;
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                checked++;
                List<String> columns = columns(rs.getArray(4));
                if (!columns.contains("organization_id")) {
                    violations.add(rs.getString(1) + " on " + rs.getString(2) + " -> " + rs.getString(3) + " " + columns);
                }
            }
        }
        assertTrue(checked >= 4, "foreign keys were found: " + checked);
        assertEquals(List.of(), violations);
    }

    /**
     * docs/scaling.md section 3 is the sequence that distributes the schema on Citus: it must name
     * every table, in the form that works there (the setting first, the reference table, customers,
     * then every other tenant table co-located with customers), so that a migration adding a table
     * also adds its line.
     */
    @Test
    void theCitusSequenceOfDocsScalingDistributesEveryTable() throws Exception {
        String doc = Files.readString(Path.of("docs", "scaling.md"));
        int section = doc.indexOf("## 3. From one PostgreSQL to Citus");
        assertTrue(section >= 0, "docs/scaling.md has no section 3");
        int start = doc.indexOf("```sql", section);
        String block = doc.substring(start, doc.indexOf("```", start + 6));
        List<String> statements = block.lines().map(String::strip)
                .filter(l -> l.startsWith("SET ") || l.startsWith("SELECT ")).toList();
        assertEquals("SET citus.enable_local_reference_table_foreign_keys TO off;", statements.get(0));
        List<String> expected = new ArrayList<>();
        GLOBAL.stream().sorted().forEach(t -> expected.add("SELECT create_reference_table('" + t + "');"));
        expected.add("SELECT create_distributed_table('customers', 'organization_id');");
        tenantTables().stream().filter(t -> !t.equals("customers")).sorted().forEach(t -> expected.add(
                "SELECT create_distributed_table('" + t + "', 'organization_id', colocate_with => 'customers');"));
        List<String> documented = statements.subList(1, statements.size()).stream()
                .map(l -> l.replaceAll("\\s+", " ")).toList();
        assertEquals(expected.subList(0, GLOBAL.size() + 1), documented.subList(0, Math.min(documented.size(),
                GLOBAL.size() + 1)), "the reference tables first, then customers");
        assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(documented),
                "docs/scaling.md section 3 must distribute exactly the tables of the schema");
    }

    private List<String> tenantTables() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!GLOBAL.contains(table) && !TOOLING.contains(table)) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }

    private static List<String> columns(Array array) throws Exception {
        return Arrays.asList((String[]) array.getArray());
    }
}
