package eu.billing.customers.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.client.ApiClient;
import eu.billing.customers.client.ApiException;
import eu.billing.customers.client.ApiResponse;
import eu.billing.customers.client.api.AdminApi;
import eu.billing.customers.client.api.CustomerOperationsApi;
import eu.billing.customers.client.api.CustomersApi;
import eu.billing.customers.client.api.EventsApi;
import eu.billing.customers.client.api.VatValidationApi;
import eu.billing.customers.client.api.WalletsApi;
import eu.billing.customers.client.model.BillingMode;
import eu.billing.customers.client.model.CreateApiKeyRequest;
import eu.billing.customers.client.model.CreateOrganizationRequest;
import eu.billing.customers.client.model.Customer;
import eu.billing.customers.client.model.CustomerEnvelope;
import eu.billing.customers.client.model.CustomerFields;
import eu.billing.customers.client.model.CustomerPage;
import eu.billing.customers.client.model.CustomerType;
import eu.billing.customers.client.model.CustomerTypeChangeRequest;
import eu.billing.customers.client.model.Event;
import eu.billing.customers.client.model.MergeCustomersRequest;
import eu.billing.customers.client.model.MergeResult;
import eu.billing.customers.client.model.ModeChangeRequest;
import eu.billing.customers.client.model.OrganizationCreated;
import eu.billing.customers.client.model.OrganizationCreatedEnvelope;
import eu.billing.customers.client.model.PaymentProvidersRequest;
import eu.billing.customers.client.model.Problem;
import eu.billing.customers.client.model.VatManualOverride;
import eu.billing.customers.client.model.Wallet;
import eu.billing.customers.support.AdminTokenResource;
import eu.billing.customers.support.Api;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * The scenario of an integrator, driven through the Java client that OpenAPI Generator makes from
 * the document this build serves (target/openapi/openapi.json, generated in {@code verify}, never
 * edited), against the packaged application. Proves that the generated client compiles, sends
 * only the fields it is given (an upsert of the name leaves tags, metadata and providers alone),
 * can send {@code null} to clear a field, and reads every answer and problem as typed objects.
 */
@QuarkusIntegrationTest
@WithTestResource(AdminTokenResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedClientIT {

    private String baseUri;
    private ObjectMapper json;
    private CustomersApi customers;
    private CustomerOperationsApi operations;
    private VatValidationApi vat;
    private WalletsApi wallets;
    private EventsApi events;

    /** Bootstrap through the client: once, when REST Assured knows the packaged service's port. */
    @BeforeEach
    void bootstrap() throws Exception {
        if (customers != null) {
            return;
        }
        baseUri = "http://localhost:" + RestAssured.port;
        AdminApi admin = new AdminApi(client(Api.ADMIN_TOKEN));
        ApiResponse<OrganizationCreatedEnvelope> created = admin.createOrganizationWithHttpInfo(
                new CreateOrganizationRequest().name("Client Org " + UUID.randomUUID()).defaultCurrency("EUR"), null, null);
        assertEquals(201, created.getStatusCode());
        OrganizationCreated organization = created.getData().getData();
        assertTrue(first(created.getHeaders(), "location").endsWith("/v1/admin/organizations/" + organization.getOrganization().getId()));
        String firstKey = organization.getApiKey().getSecret();
        assertTrue(firstKey.startsWith("ck_"), firstKey);
        // key rotation: a second key, read from its typed answer, is the one the scenario uses
        String key = admin.createApiKey(organization.getOrganization().getId(), null, null,
                new CreateApiKeyRequest().name("rotated")).getData().getApiKey().getSecret();
        assertNotEquals(firstKey, key);

        ApiClient client = client(key);
        json = client.getObjectMapper();
        customers = new CustomersApi(client);
        operations = new CustomerOperationsApi(client);
        vat = new VatValidationApi(client);
        wallets = new WalletsApi(client);
        events = new EventsApi(client);
    }

    @Test
    void theClientWasGeneratedFromTheDocumentThePackagedServiceServes() throws Exception {
        String served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUri + "/q/openapi?format=json"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        ObjectMapper mapper = new ObjectMapper();
        JsonNode generatedFrom = mapper.readTree(Files.readString(Path.of("target", "openapi", "openapi.json")));
        assertEquals(generatedFrom, mapper.readTree(served));
    }

    @Test
    void anIntegratorsScenarioThroughTheGeneratedClient() throws Exception {
        // create, with everything an upsert must not lose, safe to retry with an Idempotency-Key
        String externalId = Api.externalId();
        String idempotencyKey = "client-it-" + UUID.randomUUID();
        ApiResponse<CustomerEnvelope> created = customers.createCustomerWithHttpInfo(new CustomerFields()
                .externalId(externalId).name("Acme GmbH").email("billing@acme.example")
                .customerType(CustomerFields.CustomerTypeEnum.COMPANY)
                .tags(List.of("vip", "client-it")).metadata(Map.of("crm_id", "42"))
                .preferredProvider("stripe").disabledProviders(List.of("paypal")), "ops@example.com", null, idempotencyKey);
        assertEquals(201, created.getStatusCode());
        Customer customer = created.getData().getData();
        UUID id = customer.getId();
        assertTrue(first(created.getHeaders(), "location").endsWith("/v1/customers/" + id));
        assertEquals(CustomerType.BUSINESS, customer.getCustomerType());
        assertNull(customer.getBillingAddress());
        ApiResponse<CustomerEnvelope> retried = customers.createCustomerWithHttpInfo(new CustomerFields()
                .externalId(externalId).name("Acme GmbH").email("billing@acme.example")
                .customerType(CustomerFields.CustomerTypeEnum.COMPANY)
                .tags(List.of("vip", "client-it")).metadata(Map.of("crm_id", "42"))
                .preferredProvider("stripe").disabledProviders(List.of("paypal")), "ops@example.com", null, idempotencyKey);
        assertEquals(201, retried.getStatusCode());
        assertEquals("true", first(retried.getHeaders(), "idempotent-replayed"));
        assertEquals(id, retried.getData().getData().getId());

        // upsert sending only the name: nothing else is sent, so nothing else changes
        ApiResponse<CustomerEnvelope> upserted = customers.createCustomerWithHttpInfo(
                new CustomerFields().externalId(externalId).name("Acme Deutschland GmbH"), null, null, null);
        assertEquals(200, upserted.getStatusCode());
        Customer after = upserted.getData().getData();
        assertEquals(id, after.getId());
        assertEquals("Acme Deutschland GmbH", after.getName());
        assertEquals(List.of("vip", "client-it"), after.getTags());
        assertEquals(Map.of("crm_id", "42"), after.getMetadata());
        assertEquals(List.of("paypal"), after.getDisabledProviders());
        assertEquals("stripe", after.getPreferredProvider());
        assertEquals("billing@acme.example", after.getEmail());

        // list by tag, following the cursor page by page
        String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> tagged = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tagged.add(0, customers.createCustomer(new CustomerFields().name("Tagged " + i).tags(List.of(tag)), null, null, null)
                    .getData().getId());
        }
        List<UUID> listed = new ArrayList<>();
        String cursor = null;
        do {
            CustomerPage page = customers.listCustomers(cursor, 1, null, tag, null, null);
            page.getData().forEach(c -> listed.add(c.getId()));
            cursor = page.getPagination().getNextCursor();
            assertEquals(cursor != null, page.getPagination().getHasMore());
        } while (cursor != null);
        assertEquals(tagged, listed);

        // get with its ETag, then a conditional PATCH whose null clears the e-mail and nothing else
        ApiResponse<CustomerEnvelope> read = customers.getCustomerWithHttpInfo(id, null, null);
        String etag = first(read.getHeaders(), "etag");
        assertEquals("\"" + read.getData().getData().getVersion() + "\"", etag);
        Customer patched = customers.updateCustomer(id, new CustomerFields().email(null), etag, null, null, null).getData();
        assertNull(patched.getEmail());
        assertEquals(List.of("vip", "client-it"), patched.getTags());
        assertEquals(Map.of("crm_id", "42"), patched.getMetadata());
        assertEquals(read.getData().getData().getVersion() + 1, patched.getVersion());
        Problem stale = problem(412, () -> customers.updateCustomer(id, new CustomerFields().locale("de-DE"), etag, null, null, null));
        assertEquals("VERSION_CONFLICT", stale.getCode());
        assertEquals(read.getData().getData().getVersion(), stale.getExpectedVersion());
        assertEquals(patched.getVersion(), stale.getCurrentVersion());

        // the wallet, the billing mode, the customer type, the providers
        Wallet wallet = wallets.getPrimaryWallet(id, null, null).getData();
        assertEquals("EUR", wallet.getCurrency());
        assertEquals("0.00", wallet.getCashBalance());
        Customer prepaid = operations.changeBillingMode(id, new ModeChangeRequest().mode(BillingMode.PREPAID)
                .reason("moving to top-ups"), null, null, null, null).getData();
        assertEquals(BillingMode.PREPAID, prepaid.getMode());
        assertEquals(BillingMode.PREPAID, wallets.getPrimaryWallet(id, null, null).getData().getMode());
        Customer consumer = operations.changeCustomerType(id, new CustomerTypeChangeRequest()
                .customerType(CustomerTypeChangeRequest.CustomerTypeEnum.CONSUMER).reason("sole trader"), null, null, null, null)
                .getData();
        assertEquals(CustomerType.CONSUMER, consumer.getCustomerType());
        Customer providers = operations.updatePaymentProviders(id, new PaymentProvidersRequest().preferredProvider("adyen"),
                null, null, null, null).getData();
        assertEquals("adyen", providers.getPreferredProvider());
        assertEquals(List.of("paypal"), providers.getDisabledProviders());
        Problem disabled = problem(422, () -> operations.updatePaymentProviders(id,
                new PaymentProvidersRequest().preferredProvider("paypal"), null, null, null, null));
        assertEquals("PREFERRED_PROVIDER_DISABLED", disabled.getCode());

        // VAT: a number (no automatic check: the scenario checks it now), a check against the loopback
        // fake of VIES, an override, the history
        customers.updateCustomer(id, new CustomerFields().vatNumber("DE 100 000 001").autoValidateVat(false), null, null,
                null, null);
        Customer checked = vat.checkVatNumber(id, null, null, null).getData();
        assertEquals("VALID", checked.getVatValidationStatus().getValue());
        Customer overridden = vat.setVatOverride(id, new VatManualOverride().reason("certificate checked by hand")
                .ttl("P30D"), "ops@example.com", null, null).getData();
        assertEquals("MANUAL", overridden.getVatValidationStatus().getValue());
        assertTrue(vat.listVatVerifications(id, null, 10, null, null).getData().stream()
                .anyMatch(v -> "MANUAL".equals(v.getSource().getValue()) && "certificate checked by hand".equals(v.getReason())));

        // merge a duplicate into it
        UUID duplicate = customers.createCustomer(new CustomerFields().name("ACME GmbH").tags(List.of("dup")), null, null, null)
                .getData().getId();
        MergeResult merged = customers.mergeCustomers(new MergeCustomersRequest().sourceCustomerId(duplicate).targetCustomerId(id)
                        .strategy(MergeCustomersRequest.StrategyEnum.FILL_FROM_SOURCE), null, null, null).getData();
        assertEquals(duplicate, merged.getSourceCustomerId());
        assertTrue(customers.getCustomer(id, null, null).getData().getTags().contains("dup"));
        Customer gone = customers.getCustomer(duplicate, null, null).getData();
        assertEquals("MERGED", gone.getStatus().getValue());
        assertEquals(id, gone.getMergedIntoCustomerId());

        // the audit trail, with the actor the requests named
        List<Event> trail = events.listEvents(null, id, 100, null, null, null).getData();
        assertTrue(trail.stream().anyMatch(e -> "customer.mode_changed".equals(e.getType())), trail.toString());
        assertTrue(trail.stream().anyMatch(e -> "customer.created".equals(e.getType())
                && "ops@example.com".equals(e.getActor().getLabel())), trail.toString());

        // problems, read as typed problems: 404, 409 with current_status, 422
        Problem missing = problem(404, () -> customers.getCustomer(UUID.randomUUID(), null, null));
        assertEquals("CUSTOMER_NOT_FOUND", missing.getCode());
        assertNotNull(missing.getRequestId());
        customers.archiveCustomer(id, null, null, null, null);
        Problem archived = problem(409, () -> customers.updateCustomer(id, new CustomerFields().name("x"), null, null, null, null));
        assertEquals("INVALID_STATE_TRANSITION", archived.getCode());
        assertEquals("ARCHIVED", archived.getCurrentStatus());
        Problem same = problem(422, () -> customers.mergeCustomers(new MergeCustomersRequest().sourceCustomerId(duplicate)
                .targetCustomerId(duplicate), null, null, null));
        assertEquals("MERGE_SAME_CUSTOMER", same.getCode());
    }

    /** The problem document of the call's error answer, read with the client's own mapper. */
    private Problem problem(int status, Call call) throws Exception {
        ApiException e = assertThrows(ApiException.class, call::run);
        assertEquals(status, e.getCode(), e.getResponseBody());
        assertTrue(e.getResponseHeaders().firstValue("content-type").orElse("").startsWith("application/problem+json"));
        Problem problem = json.readValue(e.getResponseBody(), Problem.class);
        assertEquals(status, problem.getStatus());
        return problem;
    }

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(h -> h.getValue().get(0)).findFirst().orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }
}
