package eu.billing.customers.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.agroal.api.AgroalDataSource;

/** What every merge test shares: direct SQL, and after each test, no row left on a MERGED customer. */
abstract class MergeTestBase {

    @Inject
    AgroalDataSource dataSource;

    MergeDb db;

    @BeforeEach
    void setUp() {
        db = new MergeDb(dataSource);
    }

    @AfterEach
    void noOwnedRowPointsAtAMergedCustomer() {
        assertEquals(0, db.rowsOnMergedCustomers(), "owned rows or wallets left on a MERGED customer");
    }
}
