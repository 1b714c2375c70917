package eu.billing.customers.customer.rest;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.view.CustomerView;
import eu.billing.customers.platform.page.DataEnvelope;

/** The one way a customer is answered: {@code {"data": Customer}} with its version as ETag. */
final class CustomerResponses {

    private CustomerResponses() {
    }

    static Response.ResponseBuilder of(Response.ResponseBuilder builder, Customer c) {
        return builder.tag(new EntityTag(String.valueOf(c.version))).entity(new DataEnvelope<>(CustomerView.of(c)));
    }

    static Response ok(Customer c) {
        return of(Response.ok(), c).build();
    }
}
