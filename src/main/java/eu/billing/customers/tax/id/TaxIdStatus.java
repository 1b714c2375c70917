package eu.billing.customers.tax.id;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The verification status of one tax identifier. A register answers only VALID, INVALID or
 * UNAVAILABLE; PENDING (a check is due), MANUAL (an operator's override) and UNVERIFIABLE (no
 * register can check this identifier: {@code other}, and the GD/HA forms of {@code gb_vat}) are set
 * by the service.
 */
@RegisterForReflection
public enum TaxIdStatus {
    PENDING, VALID, INVALID, UNAVAILABLE, MANUAL, UNVERIFIABLE
}
