package eu.billing.customers.customer;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import eu.billing.customers.platform.audit.Snapshot;
import eu.billing.customers.platform.json.Amounts;

/**
 * A customer as its events show it: every field by its JSON name, with the value the API answers
 * (ids, enums and timestamps as strings, amounts as decimal strings, the status a customer shows).
 * The diff of two snapshots is a write's {@code changes}.
 */
final class CustomerSnapshot {

    private CustomerSnapshot() {
    }

    static Snapshot of(Customer c) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", text(c.id));
        f.put("organization_id", text(c.organizationId));
        f.put("external_id", c.externalId);
        f.put("name", c.name);
        f.put("email", c.email);
        f.put("locale", c.locale);
        f.put("status", text(c.status));
        f.put("customer_type", text(c.customerType));
        f.put("billing_model", text(c.billingModel));
        f.put("mode", text(c.mode));
        f.put("preferred_currency", c.preferredCurrency);
        f.put("payment_terms_days", c.paymentTermsDays);
        f.put("peppol_id", c.peppolId);
        f.put("prefer_einvoice", c.preferEinvoice);
        f.put("einvoice_email", c.einvoiceEmail);
        f.put("preferred_provider", c.preferredProvider);
        f.put("disabled_providers", List.of(c.disabledProviders));
        f.put("default_credit_limit", amount(c.defaultCreditLimit));
        f.put("default_max_balance", amount(c.defaultMaxBalance));
        f.put("default_max_single_credit", amount(c.defaultMaxSingleCredit));
        f.put("default_low_balance_threshold", amount(c.defaultLowBalanceThreshold));
        f.put("default_auto_topup_enabled", c.defaultAutoTopupEnabled);
        f.put("default_auto_topup_amount", amount(c.defaultAutoTopupAmount));
        f.put("vat_number", c.vatNumber);
        f.put("vat_validation_status", VatOverrides.effectiveStatus(c));
        f.put("vat_validation_disabled", c.vatValidationDisabled);
        f.put("vat_validation_disabled_reason", c.vatValidationDisabledReason);
        f.put("billing_address", address(c));
        f.put("tags", List.of(c.tags));
        f.put("metadata", Map.copyOf(c.metadata));
        f.put("custom_fields", new TreeMap<>(c.customFields));
        f.put("version", c.version);
        f.put("created_at", text(c.createdAt));
        f.put("updated_at", text(c.updatedAt));
        f.put("deleted_at", text(c.deletedAt));
        f.put("merged_into_customer_id", text(c.mergedIntoCustomerId));
        return new Snapshot(f);
    }

    /** The billing address as the API shows it: null when no line is set. */
    private static Map<String, Object> address(Customer c) {
        if (c.billingLine1 == null && c.billingLine2 == null && c.billingCity == null && c.billingPostalCode == null
                && c.billingRegion == null && c.billingCountry == null) {
            return null;
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("line1", c.billingLine1);
        a.put("line2", c.billingLine2);
        a.put("city", c.billingCity);
        a.put("postal_code", c.billingPostalCode);
        a.put("region", c.billingRegion);
        a.put("country", c.billingCountry);
        return a;
    }

    private static String text(Object value) {
        return value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString();
    }

    private static String amount(BigDecimal value) {
        return value == null ? null : Amounts.format(value);
    }
}
