package eu.billing.customers.customer.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.view.CustomerView;
import eu.billing.customers.customer.view.TaxProfileSource;
import eu.billing.customers.platform.page.DataEnvelope;
import eu.billing.customers.platform.page.ListEnvelope;

/**
 * The one way a customer is answered: {@code {"data": Customer}} with its version as ETag, and a
 * page of them, whose tax profiles are read for the whole page at once.
 */
@ApplicationScoped
class CustomerResponses {

    private final TaxProfileSource tax;

    CustomerResponses(TaxProfileSource tax) {
        this.tax = tax;
    }

    Response.ResponseBuilder of(Response.ResponseBuilder builder, Customer c) {
        return builder.tag(new EntityTag(String.valueOf(c.version)))
                .entity(new DataEnvelope<>(CustomerView.of(c, tax.profile(c))));
    }

    Response ok(Customer c) {
        return of(Response.ok(), c).build();
    }

    ListEnvelope<CustomerView> page(ListEnvelope<Customer> page) {
        List<Customer> customers = page.data();
        Map<UUID, TaxProfileSource.Profile> profiles = customers.isEmpty() ? Map.of() : tax.profiles(customers);
        return page.map(c -> CustomerView.of(c, profiles.get(c.id)));
    }
}
