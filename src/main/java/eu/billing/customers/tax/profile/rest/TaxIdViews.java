package eu.billing.customers.tax.profile.rest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import eu.billing.customers.customer.Customer;
import eu.billing.customers.customer.view.TaxIdView;
import eu.billing.customers.customer.view.TaxProfileSource;
import eu.billing.customers.customer.view.TaxTreatmentView;
import eu.billing.customers.tax.profile.HeldTaxId;
import eu.billing.customers.tax.profile.TaxIdProfiles;
import eu.billing.customers.tax.profile.TaxProfileReads;
import eu.billing.customers.tax.profile.TaxTreatments;
import eu.billing.customers.tax.treatment.TaxTreatment;

/** The tax feature's part of every customer answer ({@link TaxProfileSource}), and the one mapping to {@link TaxIdView}. */
@ApplicationScoped
public class TaxIdViews implements TaxProfileSource {

    private final TaxIdProfiles profiles;
    private final TaxTreatments treatments;

    public TaxIdViews(TaxIdProfiles profiles, TaxTreatments treatments) {
        this.profiles = profiles;
        this.treatments = treatments;
    }

    @Override
    public Profile profile(Customer c) {
        List<HeldTaxId> held = profiles.held(c);
        return new Profile(held.stream().map(TaxIdViews::of).toList(), of(treatments.of(c, held)));
    }

    @Override
    public String columns() {
        return TaxProfileReads.COLUMNS;
    }

    @Override
    public String joins() {
        return TaxProfileReads.JOINS;
    }

    @Override
    public Profile read(Customer c, ResultSet row, int first) throws SQLException {
        TaxProfileReads.Read read = TaxProfileReads.read(c, row, first);
        return new Profile(read.held().stream().map(TaxIdViews::of).toList(), of(read.treatment()));
    }

    static TaxTreatmentView of(TaxTreatment t) {
        return new TaxTreatmentView(t.scheme().name(), t.reasons().stream().map(Enum::name).toList(), t.reverseCharge(),
                t.priceDisplay().name(), t.paymentTermsDays(), new TaxTreatmentView.ConsumerProtectionView(
                        t.consumerProtection().applies(), t.consumerProtection().withdrawalPeriodDays()),
                t.invoiceMentions().stream().map(Enum::name).toList());
    }

    static TaxIdView of(HeldTaxId t) {
        return new TaxIdView(t.id(), t.type(), t.country(), t.value(), t.primary(),
                new TaxIdView.TaxIdVerificationView(t.status(), t.provider(), t.checkedAt(), t.verifiedName(),
                        t.verifiedAddress(), t.reference()),
                t.createdAt());
    }
}
