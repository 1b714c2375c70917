package eu.billing.customers.merge;

import static eu.billing.customers.merge.MergeFixtures.customer;
import static eu.billing.customers.merge.MergeFixtures.organizationIdOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;


import org.junit.jupiter.api.Test;

import eu.billing.customers.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Concurrent merges, with real concurrent HTTP requests released together by a latch. */
@QuarkusTest
class MergeRaceTest extends MergeTestBase {


    @Test
    void aIntoBWhileBIntoA_oneWinsTheOtherIsRefused() throws Exception {
        String key = Api.newOrganization("EUR");
        String org = null;
        for (int round = 0; round < 8; round++) {
            String a = customer(key, "A" + round);
            String b = customer(key, "B" + round);
            org = organizationIdOf(key, a);
            fund(org, a, 3, "10.01", "1.10", "2.02");
            fund(org, b, 2, "20.02", "0.30", "0.00");
            // a second currency on one side, so the loser's refusal also covers a wallet move
            Api.as(key).body(Map.of("preferred_currency", "USD")).when().patch("/v1/customers/" + a)
                    .then().statusCode(200);
            db.setBalances(org, a, "USD", "7.77", "0", "1.23", null);
            BigDecimal total = db.walletTotal(org);

            List<Response> answers = concurrently(List.of(
                    () -> mergeRequest(key, a, b),
                    () -> mergeRequest(key, b, a)));

            List<Integer> statuses = new ArrayList<>(answers.stream().map(Response::statusCode).sorted().toList());
            assertEquals(List.of(200, 409), statuses, "round " + round + ": " + bodies(answers));
            Response refused = answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            assertEquals("INVALID_STATE_TRANSITION", refused.path("code"));
            Response won = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
            String winnerTarget = won.path("data.target_customer_id");
            String winnerSource = won.path("data.source_customer_id");
            MergeFixtures.status(key, winnerTarget, "ACTIVE");
            MergeFixtures.status(key, winnerSource, "MERGED");
            assertEquals(0, db.rowsOnDeadCustomers(org), "every owned row ends on a live customer");
            for (OwnedTable t : OwnedTable.values()) {
                assertEquals(5, db.countOwned(t, org, winnerTarget), t.table());
            }
            assertEquals(0, total.compareTo(db.walletTotal(org)), "organization wallet totals unchanged");
        }
    }

    @Test
    void manyConcurrentMergesIntoOneTargetAllSucceed() throws Exception {
        String key = Api.newOrganization("EUR");
        String target = customer(key, "Target");
        String org = organizationIdOf(key, target);
        fund(org, target, 1, "100.00", "0", "0");
        int sources = 12;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            String source = customer(key, "Duplicate " + i);
            fund(org, source, 2, "1.11", "0.22", "0.33");
            ids.add(source);
        }
        BigDecimal total = db.walletTotal(org);

        List<Callable<Response>> calls = new ArrayList<>();
        for (String source : ids) {
            calls.add(() -> mergeRequest(key, source, target));
        }
        List<Response> answers = concurrently(calls);

        for (Response r : answers) {
            assertEquals(200, r.statusCode(), r.asString());
            assertEquals(2, (int) r.path("data.usage_events_count"));
            assertEquals(1, (int) r.path("data.wallets_merged_count"));
        }
        for (String source : ids) {
            MergeFixtures.status(key, source, "MERGED");
        }
        for (OwnedTable t : OwnedTable.values()) {
            assertEquals(1 + 2L * sources, db.countOwned(t, org, target), t.table());
        }
        assertEquals(0, db.rowsOnDeadCustomers(org));
        assertEquals(0, total.compareTo(db.walletTotal(org)), "organization wallet totals unchanged");
        // 100.00 + 12 x (1.11 + 0.22 + 0.33) = 119.92, all on the target's one open EUR wallet
        assertEquals(0, new BigDecimal("119.92").compareTo((BigDecimal) db.queryOne("""
                SELECT cash_balance + held_balance + promotional_balance FROM wallets
                WHERE organization_id = ? AND customer_id = ? AND status = 'ACTIVE'""",
                UUID.fromString(org), UUID.fromString(target)).get(0)));
        Api.as(key).when().get("/v1/customers/" + target).then().statusCode(200)
                .body("data.version", equalTo(1 + sources));
    }

    @Test
    void upsertsByTheSourcesExternalIdDuringAMergeNeverCreateACustomer() throws Exception {
        String key = Api.newOrganization("EUR");
        for (int round = 0; round < 4; round++) {
            String externalId = Api.externalId();
            var body = Api.customer("Source");
            body.put("external_id", externalId);
            String source = Api.createCustomer(key, body);
            String target = customer(key, "Target");
            String org = organizationIdOf(key, source);
            long before = db.queryLong("SELECT count(*) FROM customers WHERE organization_id = ?", UUID.fromString(org));

            List<Callable<Response>> calls = new ArrayList<>();
            calls.add(() -> mergeRequest(key, source, target));
            for (int i = 0; i < 6; i++) {
                var upsert = Api.customer("Upserted " + i);
                upsert.put("external_id", externalId);
                calls.add(() -> Api.as(key).body(upsert).when().post("/v1/customers"));
            }
            List<Response> answers = concurrently(calls);

            assertEquals(200, answers.get(0).statusCode(), answers.get(0).asString());
            for (Response r : answers.subList(1, answers.size())) {
                assertEquals(200, r.statusCode(), r.asString());
                String id = r.path("data.id");
                assertTrue(id.equals(source) || id.equals(target), "upsert answered " + id);
            }
            assertEquals(before, db.queryLong("SELECT count(*) FROM customers WHERE organization_id = ?",
                    UUID.fromString(org)), "no customer created by an upsert racing the merge");
        }
    }

    @Test
    void anUpsertWaitingOnAMergeInProgressResolvesToTheTarget() throws Exception {
        String key = Api.newOrganization("EUR");
        String externalId = Api.externalId();
        var body = Api.customer("Source");
        body.put("external_id", externalId);
        String source = Api.createCustomer(key, body);
        String target = customer(key, "Target");
        String org = organizationIdOf(key, source);
        UUID o = UUID.fromString(org);
        UUID s = UUID.fromString(source);
        UUID t = UUID.fromString(target);

        // a merge in progress, held open: the source leaves the live external ids, uncommitted
        try (java.sql.Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var ps = c.prepareStatement("""
                    UPDATE wallets SET customer_id = ?, is_primary = false, status = 'CLOSED', closed_at = now()
                    WHERE organization_id = ? AND customer_id = ?""")) {
                ps.setObject(1, t);
                ps.setObject(2, o);
                ps.setObject(3, s);
                ps.executeUpdate();
            }
            try (var ps = c.prepareStatement("""
                    UPDATE customers SET status = 'MERGED', deleted_at = now(), merged_into_customer_id = ?,
                        version = version + 1
                    WHERE organization_id = ? AND id = ?""")) {
                ps.setObject(1, t);
                ps.setObject(2, o);
                ps.setObject(3, s);
                ps.executeUpdate();
            }
            var upsert = Api.customer("Upsert during the merge");
            upsert.put("external_id", externalId);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Response> answer = pool.submit(() -> Api.as(key).body(upsert).when().post("/v1/customers"));
                Thread.sleep(500); // the upsert's claim now waits for this transaction
                assertTrue(!answer.isDone(), "the upsert must wait for the merge in progress");
                c.commit();
                Response r = answer.get(30, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.asString());
                assertEquals(target, r.path("data.id"));
                assertEquals("Upsert during the merge", r.path("data.name"));
            } finally {
                pool.shutdownNow();
            }
        }
        assertEquals(2, db.queryLong("SELECT count(*) FROM customers WHERE organization_id = ?", o));
    }

    // ---------------------------------------------------------------------------------------------

    /** Rows in every owned table and the given EUR balances. */
    private void fund(String org, String customer, int rows, String cash, String held, String promo) {
        for (OwnedTable t : OwnedTable.values()) {
            db.insertOwned(t, org, customer, rows);
        }
        db.setBalances(org, customer, "EUR", cash, held, promo, null);
    }

    private static Response mergeRequest(String key, String source, String target) {
        return Api.as(key).body(Map.of("source_customer_id", source, "target_customer_id", target))
                .when().post("/v1/customers/merge");
    }

    /** Runs the calls on their own threads, released at once; answers in call order. */
    private static List<Response> concurrently(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS));
            go.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String bodies(List<Response> answers) {
        return answers.stream().map(Response::asString).toList().toString();
    }
}
