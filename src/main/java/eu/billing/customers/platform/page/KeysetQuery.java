package eu.billing.customers.platform.page;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import eu.billing.customers.platform.jdbc.JdbcReads;

/**
 * A newest-first keyset page over one organization's rows of a table: {@code organization_id}
 * first, then the caller's filters, then {@code (time, id) < cursor}, ordered by {@code (time, id)}
 * descending, {@code limit + 1} rows. Matches the {@code (organization_id, ..., time DESC, id DESC)}
 * indexes, so a deep page costs what the first page costs.
 */
public final class KeysetQuery {

    private final StringBuilder sql;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final String timeColumn;

    private KeysetQuery(String table, String timeColumn, UUID organizationId) {
        this.sql = new StringBuilder("SELECT * FROM ").append(table).append(" WHERE organization_id = :org");
        this.timeColumn = timeColumn;
        params.put("org", organizationId);
    }

    public static KeysetQuery over(String table, String timeColumn, UUID organizationId) {
        return new KeysetQuery(table, timeColumn, organizationId);
    }

    /** Adds {@code AND <condition>}; {@code param} names the one parameter it uses, if any. */
    public KeysetQuery and(String condition, String param, Object value) {
        sql.append(" AND ").append(condition);
        if (param != null) {
            params.put(param, value);
        }
        return this;
    }

    public KeysetQuery and(String condition) {
        return and(condition, null, null);
    }

    /** Runs the page query, mapping rows to the entity type. */
    @SuppressWarnings("unchecked")
    public <E> List<E> fetch(EntityManager em, Class<E> entity, PageRequest page) {
        finish(page);
        Query query = em.createNativeQuery(sql.toString(), entity);
        params.forEach(query::setParameter);
        return new ArrayList<>(query.getResultList());
    }

    /** Reads one row of a page read by JDBC. */
    @FunctionalInterface
    public interface Row<E> {
        E read(ResultSet row) throws SQLException;
    }

    /**
     * Runs the page query as one JDBC statement (no Hibernate session, no entity), wrapped so that
     * the caller can read more per row than the table's own columns: {@code SELECT <select> FROM
     * (<page query>) <alias> <joins> ORDER BY <alias>.<time> DESC, <alias>.id DESC}. The page query
     * inside is the one {@link #fetch(EntityManager, Class, PageRequest)} runs, with its plan.
     */
    public <E> List<E> fetch(JdbcReads db, PageRequest page, String alias, String select, String joins, Row<E> row) {
        finish(page);
        List<Object> values = new ArrayList<>();
        Matcher named = NAMED.matcher(sql);
        StringBuilder inner = new StringBuilder();
        while (named.find()) {
            if (!params.containsKey(named.group(1))) {
                throw new IllegalStateException("no value for :" + named.group(1));
            }
            values.add(params.get(named.group(1)));
            named.appendReplacement(inner, "?");
        }
        named.appendTail(inner);
        String wrapped = "SELECT " + select + " FROM (" + inner + ") " + alias + (joins.isEmpty() ? "" : " " + joins)
                + " ORDER BY " + alias + "." + timeColumn + " DESC, " + alias + ".id DESC";
        return db.query(wrapped, values, rows -> {
            List<E> read = new ArrayList<>();
            while (rows.next()) {
                read.add(row.read(rows));
            }
            return read;
        });
    }

    /** A named parameter ({@code :name}; the conditions use no {@code ::} casts). */
    private static final Pattern NAMED = Pattern.compile(":([A-Za-z_][A-Za-z0-9_]*)");

    /** The cursor's condition, the order and the limit (one more row than the page: has_more). */
    private void finish(PageRequest page) {
        Cursor after = page.after();
        if (after != null) {
            and("(" + timeColumn + ", id) < (:at, :id)");
            params.put("at", after.at());
            params.put("id", after.id());
        }
        sql.append(" ORDER BY ").append(timeColumn).append(" DESC, id DESC LIMIT :limit");
        params.put("limit", page.limit() + 1);
    }
}
