package eu.billing.customers.tax;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import eu.billing.customers.customer.CustomerService;
import eu.billing.customers.platform.page.KeysetQuery;
import eu.billing.customers.platform.page.ListEnvelope;
import eu.billing.customers.platform.page.Page;
import eu.billing.customers.platform.page.PageRequest;
import eu.billing.customers.platform.tenancy.Caller;

/** A customer's verification history, newest first, keyset-paginated like the customer list. */
@ApplicationScoped
public class VatVerificationListing {

    private final EntityManager em;
    private final Caller caller;
    private final CustomerService customers;

    public VatVerificationListing(EntityManager em, Caller caller, CustomerService customers) {
        this.em = em;
        this.caller = caller;
        this.customers = customers;
    }

    public static String query(UUID customerId) {
        return "vat-verifications|" + customerId;
    }

    public ListEnvelope<VatVerification> list(UUID customerId, PageRequest page) {
        UUID org = caller.organizationId();
        customers.find(org, customerId, false); // 404 for another organization's customer
        List<VatVerification> rows = KeysetQuery.over("vat_verifications", "created_at", org)
                .and("customer_id = :customer", "customer", customerId)
                .fetch(em, VatVerification.class, page);
        return Page.of(rows, page, query(customerId), v -> v.createdAt, v -> v.id);
    }
}
