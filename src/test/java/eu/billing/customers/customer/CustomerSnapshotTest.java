package eu.billing.customers.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.customer.view.CustomerView;
import eu.billing.customers.customer.view.TaxProfileSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The snapshot that events diff is the customer exactly as the API answers it: same names, same
 * JSON values. (Events used to be diffed through CustomerView and the ObjectMapper; this pins that
 * the direct snapshot did not change a single event.)
 */
@QuarkusTest
class CustomerSnapshotTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void aFullCustomerSnapshotsAsTheApiShowsIt() {
        Customer c = bare();
        c.externalId = "crm-1";
        c.email = "a@example.com";
        c.locale = "de-DE";
        c.billingModel = BillingModel.HYBRID;
        c.preferredCurrency = "EUR";
        c.paymentTermsDays = 30;
        c.peppolId = "0088:5790000435975";
        c.preferEinvoice = true;
        c.einvoiceEmail = "inv@example.com";
        c.preferredProvider = "stripe";
        c.disabledProviders = new String[] { "paypal", "adyen" };
        c.defaultCreditLimit = new BigDecimal("500.0000");
        c.defaultMaxBalance = new BigDecimal("1000.5");
        c.defaultMaxSingleCredit = new BigDecimal("0");
        c.defaultLowBalanceThreshold = new BigDecimal("12.3456");
        c.defaultAutoTopupEnabled = true;
        c.defaultAutoTopupAmount = new BigDecimal("50");
        c.vatNumber = "DE123456789";
        c.vatValidationStatus = VatValidationStatus.MANUAL.name();
        c.vatOverrideExpiresAt = Instant.parse("2001-01-01T00:00:00Z"); // expired: shown as PENDING
        c.vatValidationDisabled = true;
        c.vatValidationDisabledReason = "exempt";
        c.billingLine1 = "Hauptstr. 1";
        c.billingCity = "Berlin";
        c.billingCountry = "DE";
        c.tags = new String[] { "vip", "eu" };
        c.metadata = Map.of("crm", "42", "source", "import");
        c.deletedAt = Instant.parse("2026-01-02T03:04:05.123456Z");
        c.mergedIntoCustomerId = UUID.randomUUID();
        c.status = CustomerStatus.MERGED;
        assertSameAsTheView(c);
        assertEquals("PENDING", CustomerSnapshot.of(c).get("vat_validation_status"));
    }

    @Test
    void aBareCustomerSnapshotsAsTheApiShowsIt() {
        assertSameAsTheView(bare());
    }

    private void assertSameAsTheView(Customer c) {
        CustomerView answered = CustomerView.of(c, new TaxProfileSource.Profile(List.of(), null));
        Map<String, Object> view = mapper.convertValue(answered, new TypeReference<Map<String, Object>>() {
        });
        // derived by the tax feature from other tables, not columns of the customer row (issue 11)
        view.remove("tax_ids");
        view.remove("tax_treatment");
        assertEquals(new TreeMap<>(view), new TreeMap<>(CustomerSnapshot.of(c).fields()));
        assertEquals(List.copyOf(view.keySet()), List.copyOf(CustomerSnapshot.of(c).fields().keySet()));
    }

    private static Customer bare() {
        Customer c = new Customer();
        c.id = UUID.randomUUID();
        c.organizationId = UUID.randomUUID();
        c.name = "Acme";
        c.status = CustomerStatus.ACTIVE;
        c.customerType = CustomerType.UNKNOWN;
        c.mode = BillingMode.POSTPAID;
        c.version = 3;
        c.createdAt = Instant.parse("2026-01-01T00:00:00Z");
        c.updatedAt = Instant.parse("2026-01-01T00:00:01.5Z");
        return c;
    }
}
