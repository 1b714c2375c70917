package eu.billing.customers.merge;

import static eu.billing.customers.merge.MergeFixtures.customer;
import static eu.billing.customers.merge.MergeFixtures.organizationIdOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** A merge that moves 100,000 usage events: measured and printed, not asserted on time. */
@QuarkusTest
class MergeScaleTest {

    private static final int USAGE_EVENTS = 100_000;

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void noOwnedRowPointsAtAMergedCustomer() {
        assertEquals(0, new MergeDb(dataSource).rowsOnMergedCustomers());
    }

    @Test
    void mergeOf100000UsageEvents() {
        MergeDb db = new MergeDb(dataSource);
        String key = Api.newOrganization();
        String source = customer(key, "Heavy user (duplicate)");
        String target = customer(key, "Heavy user");
        String org = organizationIdOf(key, source);
        long insertStart = System.nanoTime();
        db.insertOwned(OwnedTable.USAGE_EVENTS, org, source, USAGE_EVENTS);
        long insertMillis = (System.nanoTime() - insertStart) / 1_000_000;
        db.update("ANALYZE usage_events");

        long start = System.nanoTime();
        Api.as(key).body(Map.of("source_customer_id", source, "target_customer_id", target))
                .when().post("/v1/customers/merge")
                .then().statusCode(200)
                .body("data.usage_events_count", equalTo(USAGE_EVENTS));
        long mergeMillis = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("MERGE-MEASUREMENT: merge moving %,d usage events took %d ms over HTTP "
                + "(inserting them took %d ms)%n", USAGE_EVENTS, mergeMillis, insertMillis);
        assertEquals(USAGE_EVENTS, db.countOwned(OwnedTable.USAGE_EVENTS, org, target));
        assertEquals(0, db.countOwned(OwnedTable.USAGE_EVENTS, org, source));
    }
}
