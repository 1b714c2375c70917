package eu.billing.customers.tax.register;

import io.smallrye.config.ConfigMapping;

/** The Swiss UID register's public SOAP web service (ch_vat). */
@ConfigMapping(prefix = "customers.swiss-uid")
public interface SwissUidConfig extends RegisterConfig {

    /** URL of the SOAP service ({@code CUSTOMERS_SWISS_UID_URL}; default in application.properties). */
    String url();
}
