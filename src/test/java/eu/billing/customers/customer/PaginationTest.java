package eu.billing.customers.customer;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import eu.billing.customers.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Keyset pagination: every match exactly once, newest first, even while rows are inserted. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaginationTest {

    static final int CUSTOMERS = 300;

    String key;
    final List<String> all = new ArrayList<>();
    final Set<String> gold = new HashSet<>();
    final Set<String> goldEu = new HashSet<>();
    final Set<String> archived = new HashSet<>();

    /** Seeded once per class, on first use (RestAssured's port is only set per test). */
    @BeforeEach
    void seed() {
        if (key != null) {
            return;
        }
        key = Api.newOrganization();
        for (int i = 0; i < CUSTOMERS; i++) {
            List<String> tags = new ArrayList<>();
            if (i % 3 == 0) {
                tags.add("gold");
            }
            if (i % 5 == 0) {
                tags.add("eu");
            }
            String id = Api.createCustomer(key, Map.of("name", "C" + i, "tags", tags));
            all.add(id);
            if (i % 3 == 0) {
                gold.add(id);
            }
            if (i % 15 == 0) {
                goldEu.add(id);
            }
        }
        for (int i = 1; i < CUSTOMERS; i += 10) {
            Api.as(key).when().delete("/v1/customers/" + all.get(i)).then().statusCode(200);
            archived.add(all.get(i));
        }
    }

    @Test
    void walkingAllPagesReturnsEveryLiveCustomerOnceNewestFirstWhileRowsAreInserted() {
        List<String> seen = walk("", 37, true);
        Set<String> expected = new HashSet<>(all);
        expected.removeAll(archived);
        assertEquals(expected.size(), new HashSet<>(seen).size(), "no gaps");
        assertTrue(new HashSet<>(seen).containsAll(expected), "every live customer");
        assertTrue(seen.stream().noneMatch(archived::contains), "archived customers are not listed by default");
        // newest first: the seeded ids come in reverse creation order
        List<String> seededInOrder = seen.stream().filter(expected::contains).toList();
        List<String> reversed = new ArrayList<>(all);
        reversed.removeAll(archived);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, seededInOrder);
    }

    @Test
    void tagFilterIsContainmentOfAllGivenTags() {
        Set<String> goldSeen = new HashSet<>(walk("&tags=gold", 20, false));
        Set<String> expectedGold = new HashSet<>(gold);
        expectedGold.removeAll(archived);
        assertEquals(expectedGold, goldSeen);

        Set<String> both = new HashSet<>(walk("&tags=eu,gold", 7, false));
        Set<String> expectedBoth = new HashSet<>(goldEu);
        expectedBoth.removeAll(archived);
        assertEquals(expectedBoth, both);
    }

    @Test
    void archivedCustomersAreListedWhenStatusAsksForThem() {
        assertEquals(archived, new HashSet<>(walk("&status=ARCHIVED", 9, false)));
    }

    @Test
    void aCursorIsBoundToItsFilters() {
        String cursor = Api.as(key).when().get("/v1/customers?limit=5&tags=gold").then().statusCode(200)
                .extract().path("pagination.next_cursor");
        Api.as(key).when().get("/v1/customers?limit=5&cursor=" + cursor).then().statusCode(400)
                .body("code", equalTo("INVALID_CURSOR"));
        String tampered = cursor.substring(0, cursor.length() - 3) + "AAA";
        Api.as(key).when().get("/v1/customers?limit=5&tags=gold&cursor=" + tampered).then().statusCode(400)
                .body("code", equalTo("INVALID_CURSOR"));
    }

    @Test
    void lastPageSaysThereIsNoMore() {
        Api.as(key).when().get("/v1/customers?status=ARCHIVED&limit=100").then().statusCode(200)
                .body("data", hasSize(archived.size()))
                .body("pagination.limit", equalTo(100))
                .body("pagination.has_more", equalTo(false))
                .body("pagination.next_cursor", nullValue());
        Api.as(key).when().get("/v1/customers").then().statusCode(200)
                .body("data", hasSize(20))
                .body("pagination.limit", equalTo(20))
                .body("pagination.has_more", equalTo(true));
    }

    /** Walks every page; optionally inserts a customer between pages. Fails on a duplicate. */
    private List<String> walk(String filter, int limit, boolean insertWhileWalking) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = Api.as(key).when().get("/v1/customers?limit=" + limit + filter
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, page.statusCode(), page.asString());
            List<String> ids = page.path("data.id");
            assertTrue(ids.size() <= limit);
            for (String id : ids) {
                assertTrue(seen.add(id), "duplicate " + id);
            }
            cursor = page.path("pagination.next_cursor");
            if (insertWhileWalking) {
                Api.createCustomer(key, Map.of("name", "Inserted while walking"));
            }
            assertTrue(++pages < 200, "runaway walk");
        } while (cursor != null);
        return new ArrayList<>(seen);
    }
}
