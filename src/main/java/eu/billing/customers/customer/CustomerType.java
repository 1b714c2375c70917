package eu.billing.customers.customer;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Tax-relevant classification. Accepts {@code company} and {@code individual} as input aliases. */
public enum CustomerType {
    BUSINESS,
    CONSUMER,
    UNKNOWN;

    @JsonCreator
    public static CustomerType parse(String value) {
        if (value != null) {
            switch (value) {
                case "BUSINESS", "business", "company", "COMPANY":
                    return BUSINESS;
                case "CONSUMER", "consumer", "individual", "INDIVIDUAL":
                    return CONSUMER;
                case "UNKNOWN", "unknown":
                    return UNKNOWN;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("must be one of BUSINESS, CONSUMER, UNKNOWN (or company, individual)");
    }
}
