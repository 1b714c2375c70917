package eu.billing.customers.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * The recipe of docs/scaling.md for a table added by a later migration, run as written with
 * Liquibase on plain PostgreSQL (in a schema of its own): it parses, creates the table and its
 * foreign key, and marks the Citus-only change set as run without running it. What it does on
 * Citus is not checked here (docs/scaling.md says so).
 */
@QuarkusTest
class CitusRecipeTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void theNewTableRecipeRunsOnPlainPostgresqlAndSkipsTheCitusStep() throws Exception {
        String doc = Files.readString(Path.of("docs", "scaling.md"));
        int section = doc.indexOf("### A table added by a later migration");
        assertTrue(section >= 0, "docs/scaling.md has no recipe for a new table");
        int start = doc.indexOf("```sql", section) + "```sql".length();
        String recipe = doc.substring(start, doc.indexOf("```", start));
        Path dir = Files.createTempDirectory("citus-recipe");
        Files.writeString(dir.resolve("recipe.sql"), "--liquibase formatted sql\n" + recipe);

        String schema = "recipe_" + UUID.randomUUID().toString().replace("-", "");
        // a connection of its own, not the pool's: Liquibase and the search_path change its state
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("SET search_path TO " + schema);
            s.execute("CREATE TABLE customers (organization_id uuid NOT NULL, id uuid NOT NULL, "
                    + "PRIMARY KEY (organization_id, id))");
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            database.setDefaultSchemaName(schema);
            Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(dir), () -> new CommandScope(
                    UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, "recipe.sql")
                    .execute());

            Map<String, String> ran = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT id, exectype FROM " + schema
                    + ".databasechangelog ORDER BY orderexecuted")) {
                while (rs.next()) {
                    ran.put(rs.getString(1), rs.getString(2));
                }
            }
            assertEquals(Map.of("NNN-tax-ids-table", "EXECUTED", "NNN-tax-ids-citus", "MARK_RAN",
                    "NNN-tax-ids-keys", "EXECUTED"), ran);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_constraint WHERE contype = 'f' "
                    + "AND conrelid = '" + schema + ".tax_ids'::regclass")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the foreign key to customers");
            }
        } finally {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
