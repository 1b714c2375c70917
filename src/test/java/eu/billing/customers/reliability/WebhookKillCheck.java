package eu.billing.customers.reliability;

import static eu.billing.customers.reliability.Reliability.log;
import static eu.billing.customers.reliability.Reliability.sleep;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.support.WebhookReceiver;

/**
 * Webhooks under SIGKILL: a receiver on loopback (an allowed host) subscribes to customer.created;
 * customers are created in a burst; the service gets SIGKILL while deliveries are in flight, is
 * started again, and the burst goes on. Fails unless every acknowledged create's event arrives
 * (the killed process's claims come back after their lease); duplicates are counted, not failed.
 */
class WebhookKillCheck extends ReliabilityCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    Map<String, String> environment() {
        return Map.of("CUSTOMERS_WEBHOOKS_ALLOWED_HOSTS", "127.0.0.1", "CUSTOMERS_WEBHOOKS_LEASE", "15S");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void sigkillDuringADeliveryBurstLosesNoEvent() throws Exception {
        int total = Reliability.byMode(600, 2000);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer("/burst", new WebhookReceiver.Answer(200, Duration.ofMillis(20), null));
            Reliability.Organization organization = Reliability.newOrganization(app, "Webhook kill");
            Reliability.as(app, organization.key()).body(Map.of("url", receiver.url("/burst"),
                    "enabled_events", List.of("customer.created"))).when().post("/v1/webhook-endpoints")
                    .then().statusCode(201);
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            int killAt = total / 3;
            boolean killed = false;
            for (int i = 0; i < total; i++) {
                try {
                    acknowledged.add(Reliability.createCustomer(app, organization.key(), "hook-" + i + "-" + organization.id()));
                } catch (Throwable e) {
                    sleep(100); // the service is restarting
                }
                if (!killed && i >= killAt && receiver.received("/burst").size() > 0) {
                    log("  SIGKILL after " + acknowledged.size() + " creates, " + receiver.received("/burst").size()
                            + " deliveries arrived");
                    app.kill();
                    sleep(500);
                    app.restart();
                    log("  restarted; ready in " + app.readyMillis() + " ms");
                    killed = true;
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!arrived(receiver).containsAll(acknowledged) && System.nanoTime() < deadline) {
                sleep(200);
            }
            Set<String> arrived = arrived(receiver);
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(arrived);
            Map<String, Integer> byId = new HashMap<>();
            receiver.received("/burst").forEach(r -> byId.merge(r.header("webhook-id"), 1, Integer::sum));
            int duplicates = receiver.received("/burst").size() - byId.size();
            Reliability.report("webhook-kill", killed && missing.isEmpty(), String.format(
                    "events=%d acknowledged=%d delivered=%d missing=%d duplicates=%d (in flight at the kill)", total,
                    acknowledged.size(), arrived.size(), missing.size(), duplicates));
        }
    }

    private static Set<String> arrived(WebhookReceiver receiver) {
        Set<String> customers = new HashSet<>();
        for (WebhookReceiver.Received r : receiver.received("/burst")) {
            try {
                customers.add(JSON.readTree(r.body()).path("customer_id").asText());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return customers;
    }
}
