package eu.billing.customers.tax.profile;

import java.time.Instant;
import java.util.UUID;

/**
 * One identifier a customer holds, as answers show it: the primary (projected from the customer
 * row and its latest check) or a row of tax_ids.
 */
public record HeldTaxId(UUID id, String type, String country, String value, boolean primary, String status,
        String provider, Instant checkedAt, String verifiedName, String verifiedAddress, String reference,
        Instant createdAt) {
}
