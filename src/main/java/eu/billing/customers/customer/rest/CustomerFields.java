package eu.billing.customers.customer.rest;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

import eu.billing.customers.customer.Address;
import eu.billing.customers.customer.BillingMode;
import eu.billing.customers.customer.BillingModel;
import eu.billing.customers.customer.CustomerStatus;
import eu.billing.customers.customer.CustomerField;
import eu.billing.customers.customer.CustomerInput;
import eu.billing.customers.customer.CustomerType;
import eu.billing.customers.customer.TaxIdInput;
import eu.billing.customers.customer.view.BillingAddress;
import eu.billing.customers.customfield.CustomFieldValue;
import eu.billing.customers.platform.json.Amounts;
import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.validation.CurrencyCode;
import eu.billing.customers.platform.validation.LanguageTag;
import eu.billing.customers.platform.validation.Metadata;
import eu.billing.customers.platform.validation.Patterns;
import eu.billing.customers.platform.validation.Tags;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The writable fields of a customer, as sent to POST (create or upsert) and PATCH. Every field is
 * optional at this level; which ones a request may or must send is decided per operation in
 * {@code CustomerService}. An absent field is unchanged and {@code null} clears it: the fields
 * that can be cleared are {@code nullable} in the document, the others refuse {@code null}.
 * {@link #read} is the one place where the JSON becomes the service's {@link CustomerInput}.
 */
@RegisterForReflection
@Schema(name = "CustomerFields", additionalProperties = Schema.False.class,
        description = "Writable customer fields (create, upsert, update). Send only the fields to set: an absent "
                + "field is left as it is, null clears a nullable one. name is required on create.")
public record CustomerFields(
        @Schema(nullable = true, description = "Your id for the customer, unique among live customers; the key of "
                + "an upsert. null removes it.")
        @Size(min = 1, max = 255) @Pattern(regexp = "^[\\x21-\\x7E]+$", message = "must be 1 to 255 printable ASCII characters without spaces")
        String externalId,
        @Schema(description = "Required on create; cannot be cleared")
        @Size(min = 1, max = 200) @Pattern(regexp = Patterns.NOT_BLANK, message = "must not be blank")
        String name,
        @Schema(nullable = true)
        @Size(max = 320) @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "must be a valid e-mail address")
        String email,
        @Schema(nullable = true, description = "BCP 47 language tag", example = "de-DE") @LanguageTag String locale,
        @Schema(description = "PATCH only: ACTIVE or SUSPENDED (ARCHIVED through DELETE, MERGED through a merge)")
        CustomerStatus status,
        @Schema(type = SchemaType.STRING, enumeration = { "BUSINESS", "CONSUMER", "UNKNOWN", "company", "individual" },
                description = "BUSINESS, CONSUMER or UNKNOWN; company (BUSINESS) and individual (CONSUMER) are accepted "
                        + "as aliases. Answered as BUSINESS, CONSUMER or UNKNOWN.")
        CustomerType customerType,
        @Schema(nullable = true) BillingModel billingModel,
        @Schema(description = "Create only (default POSTPAID); change it later with POST /v1/customers/{id}/billing-mode")
        BillingMode mode,
        @Schema(nullable = true, pattern = Patterns.CURRENCY, example = "EUR", description = "ISO 4217") @CurrencyCode
        String preferredCurrency,
        @Schema(nullable = true) @Min(0) @Max(365) Integer paymentTermsDays,
        @Schema(nullable = true, example = "0088:5790000435975")
        @Pattern(regexp = "^[0-9]{4}:[A-Za-z0-9._:\\-]{1,200}$", message = "must be <4-digit scheme>:<identifier>, such as 0088:5790000435975")
        String peppolId,
        Boolean preferEinvoice,
        @Schema(nullable = true)
        @Size(max = 320) @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "must be a valid e-mail address")
        String einvoiceEmail,
        @Schema(nullable = true, description = "One of the configured payment providers")
        @Size(min = 1, max = 64) String preferredProvider,
        @Schema(nullable = true, description = "Replaced as a whole; null clears it")
        @Size(max = 20) List<@Size(min = 1, max = 64) String> disabledProviders,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, nullable = true, example = "100.00")
        BigDecimal defaultCreditLimit,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, nullable = true, example = "1000.00")
        BigDecimal defaultMaxBalance,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, nullable = true, example = "500.00")
        BigDecimal defaultMaxSingleCredit,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, nullable = true, example = "10.00")
        BigDecimal defaultLowBalanceThreshold,
        Boolean defaultAutoTopupEnabled,
        @Schema(type = SchemaType.STRING, pattern = Amounts.PATTERN, nullable = true, example = "50.00")
        BigDecimal defaultAutoTopupAmount,
        @Schema(nullable = true, description = "Stored normalised (upper case, no spaces, dots or dashes); a changed "
                + "number resets vat_validation_status", example = "DE 123 456 789")
        @Size(max = 32) @Pattern(regexp = "^[A-Za-z0-9 .\\-]*$", message = "may contain letters, digits, spaces, dots and dashes only")
        String vatNumber,
        Boolean vatValidationDisabled,
        @Schema(nullable = true) @Size(max = 500) String vatValidationDisabledReason,
        @Schema(nullable = true) @Valid BillingAddress billingAddress,
        @Schema(nullable = true, description = "At most 50 tags of 1 to 64 of a-z 0-9 _ : -; replaced as a whole, "
                + "null clears them") @Tags List<String> tags,
        @Schema(nullable = true, description = "At most 50 keys of 1 to 40 characters, values at most 500 characters; "
                + "replaced as a whole, null clears it") @Metadata Map<String, String> metadata,
        @Schema(type = SchemaType.OBJECT, additionalProperties = CustomFieldValue.OrNull.class,
                maxProperties = CustomFieldValue.MAX_KEYS, description = "Custom field values by key; merged key by "
                        + "key into the customer's (unlike metadata): keys not sent are left as they are, a key sent "
                        + "as null loses its value. " + CustomFieldValue.DESCRIPTION)
        @Size(max = CustomFieldValue.MAX_KEYS) Map<String, Object> customFields,
        @Schema(nullable = true, description = "Hint, not stored: false skips the automatic VAT check after this write")
        Boolean autoValidateVat,
        @Schema(nullable = true, description = "Why: required when the request changes customer_type")
        @Size(min = 1, max = 500) @Pattern(regexp = Patterns.NOT_BLANK, message = "must not be blank")
        String reason,
        @Schema(nullable = true, description = "The customer's tax identifiers, replaced as a whole: identifiers "
                + "already held (same type and value) keep their verification, others are added or removed; null or [] "
                + "removes every one. An eu_vat or gb_vat becomes the primary (vat_number) when the customer has none; "
                + "vat_number sent in the same request stays the primary.")
        @Size(max = 20) List<@NotNull @Valid TaxIdFields> taxIds) {

    /** Fields a client never writes through the customer endpoints. */
    public static final Set<String> READ_ONLY = Set.of("id", "organization_id", "created_at", "updated_at",
            "deleted_at", "version", "vat_validation_status", "merged_into_customer_id");

    /**
     * Binds and validates a request body ({@code readOnly}: fields this request may not send) and
     * maps it to the service's input: the JSON fields sent become the input's present fields.
     */
    public static CustomerInput read(JsonInput json, ObjectNode body, Set<String> readOnly) {
        JsonInput.Bound<CustomerFields> bound = json.bind(body, CustomerFields.class, readOnly);
        Set<CustomerField> present = EnumSet.noneOf(CustomerField.class);
        bound.present().forEach(name -> CustomerField.byKey(name).ifPresent(present::add));
        CustomerFields f = bound.value();
        BillingAddress a = f.billingAddress();
        return new CustomerInput(present, f.externalId(), f.name(), f.email(), f.locale(), f.status(),
                f.customerType(), f.billingModel(), f.mode(), f.preferredCurrency(), f.paymentTermsDays(), f.peppolId(),
                f.preferEinvoice(), f.einvoiceEmail(), f.preferredProvider(), f.disabledProviders(),
                f.defaultCreditLimit(), f.defaultMaxBalance(), f.defaultMaxSingleCredit(),
                f.defaultLowBalanceThreshold(), f.defaultAutoTopupEnabled(), f.defaultAutoTopupAmount(), f.vatNumber(),
                f.vatValidationDisabled(), f.vatValidationDisabledReason(),
                a == null ? null : new Address(a.line1(), a.line2(), a.city(), a.postalCode(), a.region(), a.country()),
                f.tags(), f.metadata(), f.autoValidateVat(), f.reason(), f.customFields(),
                f.taxIds() == null ? null : f.taxIds().stream().map(t -> new TaxIdInput(t.type(), t.value())).toList());
    }
}
