package eu.billing.customers.tax.register;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefault;

/** The Swiss UID register's public SOAP web service (ch_vat). */
@ConfigMapping(prefix = "customers.swiss-uid")
public interface SwissUidConfig extends RegisterConfig {

    /** URL of the SOAP service ({@code CUSTOMERS_SWISS_UID_URL}). */
    @WithDefault("https://www.uid-wse.admin.ch/V5.0/PublicServices.svc")
    String url();
}
