package eu.billing.customers.tax.profile;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.platform.jdbc.JdbcReads;
import eu.billing.customers.tax.VatVerification;
import eu.billing.customers.tax.treatment.TaxTreatment;

/**
 * A customer's tax profile read in the customer's own statement (the read paths of issue 16, see
 * {@code customer.CustomerReads}): the rows of tax_ids, the latest check of the primary number and
 * the organization's settings, as columns over the customers row aliased {@code c}. Answers what
 * {@link TaxIdProfiles#held(Customer)} and {@link TaxTreatments#of(Customer, List)} answer, from the
 * same rows, without a query of their own.
 */
public final class TaxProfileReads {

    /** An instant of a JSON array below: UTC, microseconds, as {@link Instant#parse} reads it. */
    private static String utc(String column) {
        return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
    }

    /**
     * The identifiers of tax_ids by creation (as {@link TaxIdProfiles#rows}), the latest check of the
     * current primary number that is not an override nor of an identifier of tax_ids (as
     * {@code LATEST_PRIMARY_CHECKS}: none when vat_number is null), the organization's settings.
     */
    public static final String COLUMNS = "(SELECT json_agg(json_build_array(t.id, t.type, t.country, t.value, t.status, "
            + "t.provider, " + utc("t.checked_at") + ", t.verified_name, t.verified_address, t.reference, "
            + utc("t.created_at") + ") ORDER BY t.created_at, t.id) FROM tax_ids t "
            + "WHERE t.organization_id = c.organization_id AND t.customer_id = c.id), "
            + "(SELECT json_build_array(v.source, " + utc("v.created_at") + ", v.vies_name, v.vies_address, "
            + "v.request_identifier) FROM vat_verifications v WHERE v.organization_id = c.organization_id "
            + "AND v.customer_id = c.id AND v.vat_number = c.vat_number AND v.tax_id IS NULL "
            + "AND v.source <> '" + VatVerification.SOURCE_MANUAL + "' ORDER BY v.created_at DESC, v.id DESC LIMIT 1), "
            + "tax_o.home_country, tax_o.payment_terms_business, tax_o.payment_terms_consumer, "
            + "tax_o.payment_terms_unknown, tax_o.unknown_price_display";

    /** The organization (the reference table; none: no settings, UNDETERMINED, as TaxTreatments answers). */
    public static final String JOINS = "LEFT JOIN organizations tax_o ON tax_o.id = c.organization_id";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TaxProfileReads() {
    }

    /** A customer's identifiers (the primary first) and treatment. */
    public record Read(List<HeldTaxId> held, TaxTreatment treatment) {
    }

    /** The profile of the current row, whose {@link #COLUMNS} start at {@code first}. */
    public static Read read(Customer c, ResultSet row, int first) throws SQLException {
        List<HeldTaxId> held = new ArrayList<>();
        if (c.vatNumber != null) {
            JsonNode check = json(row.getString(first + 1));
            held.add(check == null ? TaxIdProfiles.primary(c, null, null, null, null, null)
                    : TaxIdProfiles.primary(c, text(check, 0), instant(check, 1), text(check, 2), text(check, 3),
                            text(check, 4)));
        }
        JsonNode rows = json(row.getString(first));
        if (rows != null) {
            for (JsonNode r : rows) {
                held.add(new HeldTaxId(UUID.fromString(text(r, 0)), text(r, 1), text(r, 2), text(r, 3), false,
                        text(r, 4), text(r, 5), instant(r, 6), text(r, 7), text(r, 8), text(r, 9), instant(r, 10)));
            }
        }
        TaxTreatment treatment = TaxTreatments.derive(c, held, row.getString(first + 2),
                JdbcReads.integer(row, first + 3), JdbcReads.integer(row, first + 4), JdbcReads.integer(row, first + 5),
                row.getString(first + 6));
        return new Read(held, treatment);
    }

    private static JsonNode json(String text) throws SQLException {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new SQLException("unreadable tax profile: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode array, int i) {
        JsonNode n = array.get(i);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Instant instant(JsonNode array, int i) {
        String t = text(array, i);
        return t == null ? null : Instant.parse(t);
    }
}
