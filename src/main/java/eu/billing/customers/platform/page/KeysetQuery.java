package eu.billing.customers.platform.page;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

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
        Cursor after = page.after();
        if (after != null) {
            and("(" + timeColumn + ", id) < (:at, :id)");
            params.put("at", after.at());
            params.put("id", after.id());
        }
        sql.append(" ORDER BY ").append(timeColumn).append(" DESC, id DESC LIMIT :limit");
        params.put("limit", page.limit() + 1);
        Query query = em.createNativeQuery(sql.toString(), entity);
        params.forEach(query::setParameter);
        return new ArrayList<>(query.getResultList());
    }
}
