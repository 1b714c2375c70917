package eu.billing.customers.reliability;

import static eu.billing.customers.reliability.Reliability.abbreviate;
import static eu.billing.customers.reliability.Reliability.log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Bad input: 10,000 generated requests (full mode: 50,000) over every operation of the served
 * OpenAPI document, from four threads. Fails on any 5xx, on any 4xx that is not
 * {@code application/problem+json} with a {@code code}, and on a request without an answer.
 * Broken HTTP is refused by the HTTP server before the application sees it; those answers are
 * counted, not required to be problem documents.
 */
class BadInputCheck extends ReliabilityCheck {

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void generatedBadRequestsAnswerProblemDocumentsAndNever5xx() throws Exception {
        int total = Reliability.byMode(10_000, 50_000);
        String key = Reliability.newOrganization(app, "Fuzz target").key();
        String otherKey = Reliability.newOrganization(app, "Fuzz other").key();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(Reliability.createCustomer(app, key, "fuzz-seed-" + i + "-" + UUID.randomUUID()));
        }
        ApiDocument document = ApiDocument.fetch(app.given());
        List<Operation> operations = document.operations();
        long derived = operations.stream()
                .filter(o -> !SampleBodies.hasSample(o) && document.requestSchema(o) != null).count();
        List<BadInputCorpus.Case> cases = new BadInputCorpus(Reliability.SEED, document, key, otherKey, ids)
                .generate(total);
        log("bad-input: seed " + Reliability.SEED + " (-Dreliability.seed=" + Reliability.SEED + " repeats it), "
                + operations.size() + " operations, " + derived + " with bodies built from their schema");

        FuzzClient client = new FuzzClient(app.port());
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger notProblem = new AtomicInteger();
        AtomicInteger protocolRejects = new AtomicInteger();
        AtomicInteger noAnswer = new AtomicInteger();
        Map<Integer, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
        AtomicInteger cursor = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(Reliability.byMode(4, 15));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                for (int i = cursor.getAndIncrement(); i < cases.size() && System.nanoTime() < deadline;
                        i = cursor.getAndIncrement()) {
                    BadInputCorpus.Case c = cases.get(i);
                    sent.incrementAndGet();
                    FuzzClient.Answer answer;
                    try {
                        answer = client.send(c, c.protocolLevel() ? 2_000 : 15_000);
                    } catch (IOException e) {
                        if (c.protocolLevel()) {
                            protocolRejects.incrementAndGet();
                        } else if (!c.mayBeCutOff()) {
                            noAnswer.incrementAndGet();
                            Reliability.remember(examples, "no answer (" + e.getMessage() + ") to " + c.describe());
                        }
                        continue;
                    }
                    byStatus.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
                    if (answer.status() >= 500) {
                        serverErrors.incrementAndGet();
                        Reliability.remember(examples, answer.status() + " " + abbreviate(answer.text(), 300) + " to " + c.describe());
                    } else if (answer.status() >= 400 && !c.head() && !isProblem(answer)) {
                        if (c.protocolLevel()) {
                            protocolRejects.incrementAndGet();
                        } else {
                            notProblem.incrementAndGet();
                            Reliability.remember(examples, answer.status() + " " + answer.contentType() + " "
                                    + abbreviate(answer.text(), 200) + " to " + c.describe());
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        examples.forEach(e -> log("  example: " + e));
        log("  statuses: " + new TreeMap<>(byStatus));
        boolean ok = sent.get() >= total && serverErrors.get() == 0 && notProblem.get() == 0 && noAnswer.get() == 0;
        Reliability.report("bad-input", ok, String.format("requests=%d routes=%d 5xx=%d non-problem-errors=%d "
                + "no-answer=%d malformed-http-rejected-by-server=%d seed=%d", sent.get(), operations.size(),
                serverErrors.get(), notProblem.get(), noAnswer.get(), protocolRejects.get(), Reliability.SEED));
    }

    /** problem+json with a stable upper-case {@code code}. */
    private static boolean isProblem(FuzzClient.Answer answer) {
        if (!answer.contentType().startsWith("application/problem+json")) {
            return false;
        }
        try {
            JsonNode code = BadInputCorpus.JSON.readTree(answer.body()).path("code");
            return code.isTextual() && code.asText().matches("[A-Z][A-Z_]+");
        } catch (IOException e) {
            return false;
        }
    }
}
