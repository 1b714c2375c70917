package eu.billing.customers.customer;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;


import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.customfield.CustomFieldValues;
import eu.billing.customers.platform.jdbc.JdbcReads;
import eu.billing.customers.platform.page.KeysetQuery;
import eu.billing.customers.platform.page.ListEnvelope;
import eu.billing.customers.platform.page.Page;
import eu.billing.customers.platform.page.PageRequest;
import eu.billing.customers.platform.problem.ValidationFailed;
import eu.billing.customers.platform.tenancy.Caller;
import eu.billing.customers.platform.validation.TagsValidator;

/**
 * Newest-first keyset listing of customers. Each page is one index range scan from the cursor's
 * (created_at, id), so a page deep in the list costs what the first page costs, and walking all
 * pages returns every row that existed when the walk began exactly once.
 */
@ApplicationScoped
public class CustomerListing {

    private final Caller caller;
    private final CustomFieldValues customFieldValues;
    private final ObjectMapper mapper;
    private final JdbcReads reads;

    public CustomerListing(Caller caller, CustomFieldValues customFieldValues, ObjectMapper mapper,
            JdbcReads reads) {
        this.reads = reads;
        this.caller = caller;
        this.customFieldValues = customFieldValues;
        this.mapper = mapper;
    }

    /**
     * The {@code custom_fields[<key>]=<value>} conditions of a listing (key to the text sent), as
     * the JSON object a matching customer's values contain; null when there are none. An unknown
     * key or a value its field cannot hold is 400.
     */
    public String customFieldFilter(Map<String, String> conditions) {
        Map<String, Object> values = customFieldValues.filter(caller.organizationId(), conditions);
        if (values.isEmpty()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Filters of a listing, parsed from the query string. */
    public record Filter(CustomerStatus status, List<String> tags, String customFields) {

        /** The same filter, also on custom field values ({@code null}: none). */
        public Filter withCustomFields(String json) {
            return new Filter(status, tags, json);
        }

        public static Filter parse(String status, String tags) {
            CustomerStatus parsedStatus = null;
            if (status != null && !status.isBlank()) {
                try {
                    parsedStatus = CustomerStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw ValidationFailed.of("status", "must be one of " + Arrays.toString(CustomerStatus.values()));
                }
            }
            List<String> parsedTags = List.of();
            if (tags != null && !tags.isBlank()) {
                TreeSet<String> set = new TreeSet<>();
                for (String tag : tags.split(",", -1)) {
                    String t = tag.trim();
                    if (!TagsValidator.TAG.matcher(t).matches()) {
                        throw ValidationFailed.of("tags", "must be a comma-separated list of tags, each 1 to 64 "
                                + "characters of a-z, 0-9, _, : and -");
                    }
                    set.add(t);
                }
                if (set.size() > TagsValidator.MAX_TAGS) {
                    throw ValidationFailed.of("tags", "at most " + TagsValidator.MAX_TAGS + " tags");
                }
                parsedTags = List.copyOf(set);
            }
            return new Filter(parsedStatus, parsedTags, null);
        }

        /** Canonical form; a cursor is valid only for the filter it was issued for. */
        public String canonical() {
            return "customers|" + (status == null ? "" : status.name()) + "|" + String.join(",", tags)
                    + (customFields == null ? "" : "|" + customFields);
        }
    }

    /**
     * A page of customers, read as {@link CustomerReads} reads one customer: one JDBC statement, no
     * managed entity, with another feature's part of each customer read in it.
     */
    public <T> ListEnvelope<CustomerReads.Read<T>> read(Filter filter, PageRequest page, CustomerReads.Joined<T> joined) {
        List<CustomerReads.Read<T>> rows = query(filter).fetch(reads, page, "c",
                CustomerRows.COLUMNS + ", " + joined.columns(), joined.joins(), row -> CustomerReads.read(row, joined));
        return Page.of(rows, page, filter.canonical(), r -> r.customer().createdAt, r -> r.customer().id);
    }

    private KeysetQuery query(Filter filter) {
        KeysetQuery query = KeysetQuery.over("customers", "created_at", caller.organizationId());
        if (filter.status() == null) {
            query.and("deleted_at IS NULL"); // archived and merged customers only when asked for
        } else {
            query.and("status = :status", "status", filter.status().name());
        }
        if (!filter.tags().isEmpty()) {
            query.and("tags @> string_to_array(:tags, ',')", "tags", String.join(",", filter.tags()));
        }
        if (filter.customFields() != null) {
            // customers_custom_fields_ix (GIN, jsonb_path_ops) serves the containment
            query.and("custom_fields @> CAST(:custom_fields AS jsonb)", "custom_fields", filter.customFields());
        }
        return query;
    }

}
