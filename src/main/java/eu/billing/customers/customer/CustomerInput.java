package eu.billing.customers.customer;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One write to a customer (create, upsert, update), in the customer's own terms. Only the fields
 * in {@code present} are written: an absent field stays as it is, a present {@code null} clears an
 * optional one. Which fields a write may or must carry is decided by {@link CustomerService}.
 *
 * @param autoValidateVat {@code false} skips the automatic VAT check after this write; {@code null}: not said
 * @param reason why: required when the write changes {@code customer_type}
 * @param customFields custom field values to set, merged key by key into the customer's (a null value
 *                     removes that key's value); checked against the definitions by {@link CustomerService}
 * @param taxIds the customer's tax identifiers, replaced as a whole (present with {@code TAX_IDS})
 */
public record CustomerInput(
        Set<CustomerField> present,
        String externalId,
        String name,
        String email,
        String locale,
        CustomerStatus status,
        CustomerType customerType,
        BillingModel billingModel,
        BillingMode mode,
        String preferredCurrency,
        Integer paymentTermsDays,
        String peppolId,
        Boolean preferEinvoice,
        String einvoiceEmail,
        String preferredProvider,
        List<String> disabledProviders,
        BigDecimal defaultCreditLimit,
        BigDecimal defaultMaxBalance,
        BigDecimal defaultMaxSingleCredit,
        BigDecimal defaultLowBalanceThreshold,
        Boolean defaultAutoTopupEnabled,
        BigDecimal defaultAutoTopupAmount,
        String vatNumber,
        Boolean vatValidationDisabled,
        String vatValidationDisabledReason,
        Address billingAddress,
        List<String> tags,
        Map<String, String> metadata,
        Boolean autoValidateVat,
        String reason,
        Map<String, Object> customFields,
        List<TaxIdInput> taxIds) {

    public CustomerInput {
        present = Set.copyOf(present);
    }

    /** A write of the VAT number alone (the tax feature adding a primary identifier). */
    public static CustomerInput vatNumber(String vatNumber, Boolean autoValidateVat) {
        return new CustomerInput(Set.of(CustomerField.VAT_NUMBER), null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, vatNumber, null, null,
                null, null, null, autoValidateVat, null, null, null);
    }

    public boolean has(CustomerField field) {
        return present.contains(field);
    }

    /** The same write without {@code field}. */
    public CustomerInput without(CustomerField field) {
        Set<CustomerField> fields = EnumSet.noneOf(CustomerField.class);
        fields.addAll(present);
        fields.remove(field);
        return new CustomerInput(fields, externalId, name, email, locale, status, customerType, billingModel, mode,
                preferredCurrency, paymentTermsDays, peppolId, preferEinvoice, einvoiceEmail, preferredProvider,
                disabledProviders, defaultCreditLimit, defaultMaxBalance, defaultMaxSingleCredit,
                defaultLowBalanceThreshold, defaultAutoTopupEnabled, defaultAutoTopupAmount, vatNumber,
                vatValidationDisabled, vatValidationDisabledReason, billingAddress, tags, metadata, autoValidateVat,
                reason, customFields, taxIds);
    }
}
