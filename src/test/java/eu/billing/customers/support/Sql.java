package eu.billing.customers.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One value of a one-row query with one parameter, over a plain JDBC connection (what tests check in the database). */
public final class Sql {

    private Sql() {
    }

    /** The first column of the first row, as text. */
    public static String text(Connection c, String sql, Object param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** The first column of the first row, as a number (a count). */
    public static int count(Connection c, String sql, Object param) throws SQLException {
        return Integer.parseInt(text(c, sql, param));
    }
}
