package eu.billing.customers.vat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import eu.billing.customers.common.page.Cursor;
import eu.billing.customers.common.page.ListEnvelope;
import eu.billing.customers.common.page.Page;
import eu.billing.customers.common.page.PageRequest;
import eu.billing.customers.customer.CustomerService;
import eu.billing.customers.tenancy.Caller;
import eu.billing.customers.vat.rest.VatVerificationView;

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

    public ListEnvelope<VatVerificationView> list(UUID customerId, PageRequest page) {
        UUID org = caller.organizationId();
        customers.find(org, customerId, false); // 404 for another organization's customer
        StringBuilder sql = new StringBuilder(
                "SELECT * FROM vat_verifications WHERE organization_id = :org AND customer_id = :customer");
        Cursor after = page.after();
        if (after != null) {
            sql.append(" AND (created_at, id) < (:at, :id)");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        Query query = em.createNativeQuery(sql.toString(), VatVerification.class)
                .setParameter("org", org).setParameter("customer", customerId)
                .setParameter("limit", page.limit() + 1);
        if (after != null) {
            query.setParameter("at", after.at()).setParameter("id", after.id());
        }
        @SuppressWarnings("unchecked")
        List<VatVerification> rows = new ArrayList<>(query.getResultList());
        return Page.of(rows, page, query(customerId), v -> v.createdAt, v -> v.id, VatVerificationView::of);
    }
}
