package eu.billing.customers.customer.rest;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.node.ObjectNode;

import eu.billing.customers.customer.Address;
import eu.billing.customers.customer.BillingMode;
import eu.billing.customers.customer.BillingModel;
import eu.billing.customers.customer.CustomerStatus;
import eu.billing.customers.customer.CustomerField;
import eu.billing.customers.customer.CustomerInput;
import eu.billing.customers.customer.CustomerType;
import eu.billing.customers.customer.view.BillingAddress;
import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.validation.CurrencyCode;
import eu.billing.customers.platform.validation.LanguageTag;
import eu.billing.customers.platform.validation.Metadata;
import eu.billing.customers.platform.validation.Tags;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The writable fields of a customer, as sent to POST (create or upsert) and PATCH. Every field is
 * optional at this level; which ones a request may or must send is decided per operation in
 * {@code CustomerService}. On PATCH an absent field is unchanged and {@code null} clears it.
 * {@link #read} is the one place where the JSON becomes the service's {@link CustomerInput}.
 */
@RegisterForReflection
@Schema(name = "CustomerFields", description = "Writable customer fields (create, upsert, update)")
public record CustomerFields(
        @Size(min = 1, max = 255) @Pattern(regexp = "^[\\x21-\\x7E]+$", message = "must be 1 to 255 printable ASCII characters without spaces")
        String externalId,
        @Size(min = 1, max = 200) @Pattern(regexp = "^(?s)(?!\\s*$).+", message = "must not be blank")
        String name,
        @Size(max = 320) @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "must be a valid e-mail address")
        String email,
        @LanguageTag String locale,
        @Schema(description = "PATCH only: ACTIVE or SUSPENDED") CustomerStatus status,
        @Schema(description = "BUSINESS, CONSUMER or UNKNOWN; company and individual are accepted as aliases")
        CustomerType customerType,
        BillingModel billingModel,
        @Schema(description = "Create only; change it later with POST /v1/customers/{id}/billing-mode")
        BillingMode mode,
        @CurrencyCode String preferredCurrency,
        @Min(0) @Max(365) Integer paymentTermsDays,
        @Pattern(regexp = "^[0-9]{4}:[A-Za-z0-9._:\\-]{1,200}$", message = "must be <4-digit scheme>:<identifier>, such as 0088:5790000435975")
        String peppolId,
        Boolean preferEinvoice,
        @Size(max = 320) @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "must be a valid e-mail address")
        String einvoiceEmail,
        @Size(min = 1, max = 64) String preferredProvider,
        @Size(max = 20) List<@Size(min = 1, max = 64) String> disabledProviders,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "100.00")
        @DecimalMin("0") BigDecimal defaultCreditLimit,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "1000.00")
        @DecimalMin("0") BigDecimal defaultMaxBalance,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "500.00")
        @DecimalMin("0") BigDecimal defaultMaxSingleCredit,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "10.00")
        @DecimalMin("0") BigDecimal defaultLowBalanceThreshold,
        Boolean defaultAutoTopupEnabled,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "50.00")
        @DecimalMin("0") BigDecimal defaultAutoTopupAmount,
        @Size(max = 32) @Pattern(regexp = "^[A-Za-z0-9 .\\-]*$", message = "may contain letters, digits, spaces, dots and dashes only")
        String vatNumber,
        Boolean vatValidationDisabled,
        @Size(max = 500) String vatValidationDisabledReason,
        @Valid BillingAddress billingAddress,
        @Tags List<String> tags,
        @Metadata Map<String, String> metadata,
        @Schema(description = "Hint: false skips the automatic VAT check after this write")
        Boolean autoValidateVat,
        @Schema(description = "Why: required when the request changes customer_type")
        @Size(min = 1, max = 500) @Pattern(regexp = "^(?s)(?!\\s*$).+", message = "must not be blank")
        String reason) {

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
                f.tags(), f.metadata(), f.autoValidateVat(), f.reason());
    }
}
