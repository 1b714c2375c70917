package eu.billing.customers.tax;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import eu.billing.customers.platform.idempotency.IdempotencyFilter;
import eu.billing.customers.support.Api;
import eu.billing.customers.support.FakeVies;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Idempotency-Key on the VAT check, a route that calls VIES: the key is a committed claim while the
 * call runs (a repeat meanwhile is 409 IDEMPOTENCY_KEY_IN_PROGRESS, from another connection, so no
 * transaction holds it back), then the answer is stored on the claim and replayed.
 */
@QuarkusTest
class VatVerificationIdempotencyTest {

    @ConfigProperty(name = "fake-vies.url")
    String fakeVies;

    @Test
    void theVatCheckIsDeclaredAsARouteWithItsOwnTransactions() {
        assertTrue(IdempotencyFilter.ownTransactions("POST", "/v1/customers/abc/vat-verification"));
        assertTrue(IdempotencyFilter.ownTransactions("POST", "/v1/customers/abc/tax-ids/def/verification"));
        assertTrue(!IdempotencyFilter.ownTransactions("PUT", "/v1/customers/abc/vat-verification/manual-override"));
        assertTrue(!IdempotencyFilter.ownTransactions("POST", "/v1/customers"));
    }

    @Test
    void aRepeatWhileTheRemoteCallRunsIsInProgressThenTheAnswerIsReplayed() throws Exception {
        String key = Api.newOrganization();
        String number = Vat.number(FakeVies.SLOW);
        String id = Vat.customerWithVat(key, number, false);
        String idem = "vat-" + UUID.randomUUID();
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> Api.as(key).header("Idempotency-Key", idem)
                .when().post("/v1/customers/" + id + "/vat-verification"));
        // the first request holds the claim once VIES has its call (no repeat is sent before, or the
        // repeat could be the one that claims the key)
        long until = System.nanoTime() + 5_000_000_000L;
        while (Vat.calls(fakeVies, number) == 0 && !first.isDone() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        // while VIES is slow to answer, the claim is visible to any other request
        int inProgress = 0;
        while (!first.isDone() && System.nanoTime() < until) {
            Response repeat = Api.as(key).header("Idempotency-Key", idem).when().post("/v1/customers/" + id + "/vat-verification");
            if (repeat.statusCode() == 409) {
                assertEquals("IDEMPOTENCY_KEY_IN_PROGRESS", repeat.path("code"));
                inProgress++;
            }
            Thread.sleep(50);
        }
        Response answer = first.get();
        assertTrue(inProgress > 0, "a repeat during the remote call saw the claim");
        int calls = Vat.calls(fakeVies, number);
        Response replay = Api.as(key).header("Idempotency-Key", idem).when().post("/v1/customers/" + id + "/vat-verification");
        if (answer.statusCode() < 500) {
            replay.then().statusCode(answer.statusCode()).header("Idempotent-Replayed", equalTo("true"));
            assertEquals(answer.asString(), replay.asString());
            assertEquals(calls, Vat.calls(fakeVies, number), "the replay did not call VIES again");
        } else {
            replay.then().header("Idempotent-Replayed", nullValue());
        }
    }

    @Test
    void aValidCheckIsStoredAndReplayedAndAnotherBodyIsRefused() {
        String key = Api.newOrganization();
        String number = Vat.number(FakeVies.VALID);
        String id = Vat.customerWithVat(key, number, false);
        String idem = "vat-" + UUID.randomUUID();
        Api.as(key).header("Idempotency-Key", idem).when().post("/v1/customers/" + id + "/vat-verification")
                .then().statusCode(200).body("data.vat_validation_status", equalTo("VALID"))
                .header("Idempotent-Replayed", nullValue());
        int calls = Vat.calls(fakeVies, number);
        Api.as(key).header("Idempotency-Key", idem).when().post("/v1/customers/" + id + "/vat-verification")
                .then().statusCode(200).header("Idempotent-Replayed", equalTo("true"))
                .body("data.vat_validation_status", equalTo("VALID"));
        assertEquals(calls, Vat.calls(fakeVies, number));
        Api.as(key).header("Idempotency-Key", idem).body(Map.of("name", "x")).when().patch("/v1/customers/" + id)
                .then().statusCode(422).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        // a 404 of the remote-call route is stored on its claim too
        String missing = "vat-" + UUID.randomUUID();
        String nobody = UUID.randomUUID().toString();
        Api.as(key).header("Idempotency-Key", missing).when().post("/v1/customers/" + nobody + "/vat-verification")
                .then().statusCode(404);
        Api.as(key).header("Idempotency-Key", missing).when().post("/v1/customers/" + nobody + "/vat-verification")
                .then().statusCode(404).header("Idempotent-Replayed", equalTo("true"));
    }
}
