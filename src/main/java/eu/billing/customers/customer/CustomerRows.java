package eu.billing.customers.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import org.hibernate.engine.spi.SelfDirtinessTracker;

import eu.billing.customers.platform.jdbc.JdbcReads;

/**
 * A customers row read by JDBC (the read paths of {@link CustomerReads}) into a {@link Customer}
 * that no persistence context knows: a transient copy of the row, answered and dropped, never
 * persisted or merged. Reads every column an answer shows (not the announced tax_treatment). And the
 * other way, once: the complete row of a new customer that claims an external id
 * ({@link #INSERT_CLAIMING_EXTERNAL_ID}).
 */
final class CustomerRows {

    /** The columns, of the customers row aliased {@code c}, in the order {@link #read} reads them. */
    static final String COLUMNS = """
            c.id, c.organization_id, c.external_id, c.name, c.email, c.locale, c.status, c.customer_type,
            c.billing_model, c.mode, c.preferred_currency, c.payment_terms_days, c.peppol_id, c.prefer_einvoice,
            c.einvoice_email, c.preferred_provider, c.disabled_providers, c.default_credit_limit,
            c.default_max_balance, c.default_max_single_credit, c.default_low_balance_threshold,
            c.default_auto_topup_enabled, c.default_auto_topup_amount, c.vat_number, c.vat_number_set_at,
            c.vat_validation_status, c.vat_validation_disabled, c.vat_validation_disabled_reason,
            c.vat_override_expires_at, c.billing_line1, c.billing_line2, c.billing_city, c.billing_postal_code,
            c.billing_region, c.billing_country, c.tags, c.metadata, c.custom_fields, c.version, c.created_at,
            c.updated_at, c.deleted_at, c.merged_into_customer_id""";

    /** How many columns {@link #COLUMNS} names: another feature's columns follow from {@code COUNT + 1}. */
    static final int COUNT = COLUMNS.split(",").length;

    /**
     * The jsonb columns hold plain maps, read as Hibernate's own default mapper reads them; by
     * readers made once (a mapper's {@code readValue(text, TypeReference)} resolves the type and
     * finds its deserializer again for every value: a tenth of a list page's CPU samples).
     */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader TEXTS = JSON.readerFor(new TypeReference<Map<String, String>>() {
    });
    private static final ObjectReader VALUES = JSON.readerFor(new TypeReference<Map<String, Object>>() {
    });

    /** The jsonb columns among those {@link #INSERT_CLAIMING_EXTERNAL_ID} writes (bound as text and cast). */
    private static final Set<String> JSONB = Set.of("metadata", "custom_fields", "tax_treatment");

    /**
     * A new customer's complete row, {@link #COLUMNS} and then the announced tax_treatment, in one
     * statement that also claims its external id: it writes nothing when a live customer of the
     * organization holds the id (the partial unique index decides a race, as for any claim). The
     * values are {@link #values}; the jsonb ones are bound as text and cast.
     */
    static final String INSERT_CLAIMING_EXTERNAL_ID = "INSERT INTO customers (" + String.join(", ", written())
            + ")\nVALUES (" + placeholders() + ")\n"
            + "ON CONFLICT (organization_id, external_id) WHERE deleted_at IS NULL AND external_id IS NOT NULL\n"
            + "DO NOTHING";

    private CustomerRows() {
    }

    /** The columns the claim writes, in the order of {@link #values}: {@link #COLUMNS}, then tax_treatment. */
    private static List<String> written() {
        List<String> columns = new ArrayList<>();
        for (String column : COLUMNS.split(",")) {
            columns.add(column.strip().substring("c.".length()));
        }
        columns.add("tax_treatment");
        return columns;
    }

    private static String placeholders() {
        StringJoiner values = new StringJoiner(", ");
        for (String column : written()) {
            values.add(JSONB.contains(column) ? "CAST(? AS jsonb)" : "?");
        }
        return values.toString();
    }

    /** The values {@link #INSERT_CLAIMING_EXTERNAL_ID} writes: every column of the row as the entity holds it. */
    static List<Object> values(Customer c) {
        return Arrays.asList(c.id, c.organizationId, c.externalId, c.name, c.email, c.locale, name(c.status),
                name(c.customerType), name(c.billingModel), name(c.mode), c.preferredCurrency, c.paymentTermsDays,
                c.peppolId, c.preferEinvoice, c.einvoiceEmail, c.preferredProvider, c.disabledProviders,
                c.defaultCreditLimit, c.defaultMaxBalance, c.defaultMaxSingleCredit, c.defaultLowBalanceThreshold,
                c.defaultAutoTopupEnabled, c.defaultAutoTopupAmount, c.vatNumber, c.vatNumberSetAt,
                c.vatValidationStatus, c.vatValidationDisabled, c.vatValidationDisabledReason,
                c.vatOverrideExpiresAt, c.billingLine1, c.billingLine2, c.billingCity, c.billingPostalCode,
                c.billingRegion, c.billingCountry, c.tags, json(c.metadata), json(c.customFields), c.version,
                c.createdAt, c.updatedAt, c.deletedAt, c.mergedIntoCustomerId, json(c.taxTreatment));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** A jsonb value as Hibernate's own default mapper writes it (null stays SQL null). */
    private static String json(Map<String, ?> value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as jsonb: " + e.getOriginalMessage(), e);
        }
    }

    /** The current row as a transient customer. */
    static Customer read(ResultSet row) throws SQLException {
        Customer c = new Customer();
        // a copy no session will flush: Hibernate's enhanced setters need not record which fields
        // were set (a linear search and an array copy per field: 4% of a list page's samples)
        if ((Object) c instanceof SelfDirtinessTracker tracker) {
            tracker.$$_hibernate_suspendDirtyTracking(true);
        }
        c.id = row.getObject(1, java.util.UUID.class);
        c.organizationId = row.getObject(2, java.util.UUID.class);
        c.externalId = row.getString(3);
        c.name = row.getString(4);
        c.email = row.getString(5);
        c.locale = row.getString(6);
        c.status = CustomerStatus.valueOf(row.getString(7));
        c.customerType = CustomerType.valueOf(row.getString(8));
        String billingModel = row.getString(9);
        c.billingModel = billingModel == null ? null : BillingModel.valueOf(billingModel);
        c.mode = BillingMode.valueOf(row.getString(10));
        c.preferredCurrency = row.getString(11);
        c.paymentTermsDays = JdbcReads.integer(row, 12);
        c.peppolId = row.getString(13);
        c.preferEinvoice = row.getBoolean(14);
        c.einvoiceEmail = row.getString(15);
        c.preferredProvider = row.getString(16);
        c.disabledProviders = JdbcReads.texts(row, 17);
        c.defaultCreditLimit = row.getBigDecimal(18);
        c.defaultMaxBalance = row.getBigDecimal(19);
        c.defaultMaxSingleCredit = row.getBigDecimal(20);
        c.defaultLowBalanceThreshold = row.getBigDecimal(21);
        c.defaultAutoTopupEnabled = row.getBoolean(22);
        c.defaultAutoTopupAmount = row.getBigDecimal(23);
        c.vatNumber = row.getString(24);
        c.vatNumberSetAt = JdbcReads.instant(row, 25);
        c.vatValidationStatus = row.getString(26);
        c.vatValidationDisabled = row.getBoolean(27);
        c.vatValidationDisabledReason = row.getString(28);
        c.vatOverrideExpiresAt = JdbcReads.instant(row, 29);
        c.billingLine1 = row.getString(30);
        c.billingLine2 = row.getString(31);
        c.billingCity = row.getString(32);
        c.billingPostalCode = row.getString(33);
        c.billingRegion = row.getString(34);
        c.billingCountry = row.getString(35);
        c.tags = JdbcReads.texts(row, 36);
        c.metadata = json(row.getString(37), TEXTS);
        c.customFields = json(row.getString(38), VALUES);
        c.version = row.getInt(39);
        c.createdAt = JdbcReads.instant(row, 40);
        c.updatedAt = JdbcReads.instant(row, 41);
        c.deletedAt = JdbcReads.instant(row, 42);
        c.mergedIntoCustomerId = row.getObject(43, java.util.UUID.class);
        return c;
    }

    private static <V> Map<String, V> json(String text, ObjectReader type) throws SQLException {
        if (text == null || "{}".equals(text)) {
            return Map.of();
        }
        try {
            return type.readValue(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable jsonb: " + e.getOriginalMessage(), e);
        }
    }
}
