package eu.billing.customers.tax.treatment;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Whether prices are shown with VAT (GROSS, as consumers must see them) or without it (NET, for businesses). */
@RegisterForReflection
public enum PriceDisplay {
    GROSS, NET
}
