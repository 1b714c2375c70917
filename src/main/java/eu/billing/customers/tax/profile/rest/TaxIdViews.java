package eu.billing.customers.tax.profile.rest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.view.TaxIdView;
import eu.billing.customers.customer.view.TaxProfileSource;
import eu.billing.customers.tax.profile.HeldTaxId;
import eu.billing.customers.tax.profile.TaxIdProfiles;
import io.quarkus.arc.Unremovable;

/** The tax feature's part of every customer answer ({@link TaxProfileSource}), and the one mapping to {@link TaxIdView}. */
@ApplicationScoped
@Unremovable
public class TaxIdViews implements TaxProfileSource {

    private final TaxIdProfiles profiles;

    public TaxIdViews(TaxIdProfiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public List<TaxIdView> taxIds(Customer c) {
        return profiles.held(c).stream().map(TaxIdViews::of).toList();
    }

    static TaxIdView of(HeldTaxId t) {
        return new TaxIdView(t.id(), t.type(), t.country(), t.value(), t.primary(),
                new TaxIdView.TaxIdVerificationView(t.status(), t.provider(), t.checkedAt(), t.verifiedName(),
                        t.verifiedAddress(), t.reference()),
                t.createdAt());
    }
}
