package eu.billing.customers.tax;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.PartitionKey;

import eu.billing.customers.platform.audit.Actor;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One row of a customer's VAT verification history: a check (source VIES or FORMAT) or a manual
 * override (source MANUAL, with an expiry). The evidence an auditor asks for.
 */
@Entity
@Table(name = "vat_verifications")
public class VatVerification extends PanacheEntityBase {

    public static final String SOURCE_VIES = "VIES";
    public static final String SOURCE_FORMAT = "FORMAT";
    public static final String SOURCE_MANUAL = "MANUAL";

    /** A check's row: final from the start. */
    public static final String STATE_COMPLETED = "COMPLETED";
    /** An override in force. */
    public static final String STATE_ACTIVE = "ACTIVE";
    /** An override that ended (cleared, expired, number changed): a fresh check is due. */
    public static final String STATE_PENDING = "PENDING";

    @Id
    public UUID id;

    /** Distribution column: Hibernate adds it to the WHERE clause of its UPDATEs and DELETEs. */
    @PartitionKey
    @Column(name = "organization_id", nullable = false, updatable = false)
    public UUID organizationId;

    @Column(name = "customer_id", nullable = false)
    public UUID customerId;

    @Column(nullable = false, length = 16)
    public String source;

    @Column(nullable = false, length = 16)
    public String result;

    /** SYNC (POST vat-verification), AUTO (after a create/update), RECHECK, OPERATOR (override). */
    @Column(nullable = false, length = 16)
    public String trigger;

    /** The identifier of tax_ids that was checked; null for the customer's primary VAT number (issue 11). */
    @Column(name = "tax_id")
    public UUID taxId;

    @Column(name = "vat_number", nullable = false, length = 32)
    public String vatNumber;

    @Column(name = "country_code", length = 2)
    public String countryCode;

    @Column(name = "request_identifier", length = 100)
    public String requestIdentifier;

    @Column(name = "vies_name", length = 1000)
    public String viesName;

    @Column(name = "vies_address", length = 2000)
    public String viesAddress;

    @Column(name = "vies_request_date", length = 64)
    public String viesRequestDate;

    @Column(name = "error_code", length = 64)
    public String errorCode;

    @Embedded
    public Actor actor;

    @Column(length = 500)
    public String reason;

    @Column(nullable = false, length = 16)
    public String state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "ended_reason", length = 32)
    public String endedReason;
}
