package eu.billing.customers.customer.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.CustomerReads;
import eu.billing.customers.customer.view.CustomerView;
import eu.billing.customers.customer.view.TaxProfileSource;
import eu.billing.customers.platform.page.DataEnvelope;
import eu.billing.customers.platform.page.ListEnvelope;

/**
 * The one way a customer is answered: {@code {"data": Customer}} with its version as ETag, and a
 * page of them. Reads (a customer, a page) come with their tax profiles read in the same statement
 * ({@link CustomerReads}); a write's answer reads the profile of the customer it wrote in one.
 */
@ApplicationScoped
class CustomerResponses {

    private final TaxProfileSource tax;
    private final CustomerReads reads;

    CustomerResponses(TaxProfileSource tax, CustomerReads reads) {
        this.tax = tax;
        this.reads = reads;
    }

    /**
     * The answer of a write: the customer as the write left it, with its tax profile read in one
     * statement (after the commit; in an idempotent write, in its transaction, where the write has
     * flushed).
     */
    Response.ResponseBuilder of(Response.ResponseBuilder builder, Customer c) {
        return of(builder, new CustomerReads.Read<>(c, reads.joined(c, tax)));
    }

    Response ok(Customer c) {
        return of(Response.ok(), c).build();
    }

    /** A customer read with its tax profile in one statement ({@code GET /v1/customers/{id}}). */
    Response ok(CustomerReads.Read<TaxProfileSource.Profile> read) {
        return of(Response.ok(), read).build();
    }

    private static Response.ResponseBuilder of(Response.ResponseBuilder builder,
            CustomerReads.Read<TaxProfileSource.Profile> read) {
        Customer c = read.customer();
        return builder.tag(new EntityTag(String.valueOf(c.version)))
                .entity(new DataEnvelope<>(CustomerView.of(c, read.joined())));
    }

    /** A page read with the tax profiles in the same statement. */
    ListEnvelope<CustomerView> page(ListEnvelope<CustomerReads.Read<TaxProfileSource.Profile>> page) {
        return page.map(r -> CustomerView.of(r.customer(), r.joined()));
    }

    /** What the read paths read of the tax profile, in the customer's own statement. */
    TaxProfileSource tax() {
        return tax;
    }
}
