package eu.billing.customers.tax.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.support.FakeRegister;
import eu.billing.customers.support.TestClock;
import eu.billing.customers.tax.id.TaxId;
import eu.billing.customers.tax.id.TaxIdStatus;
import io.quarkus.test.junit.QuarkusTest;

/**
 * HMRC's answers and its OAuth token against the fake: the fields of a VALID answer, the verified
 * check with the organization's VRN, and the token's life: fetched once and cached, fetched once under
 * concurrency, renewed shortly before expiry, renewed on a 401, and the token endpoint's failures.
 * Token tests use verifier instances of their own (their own cache) and client ids that pick the
 * fake's behaviour.
 */
@QuarkusTest
class HmrcVerifierTest {

    @Inject
    HmrcVerifier hmrc;
    @Inject
    ObjectMapper mapper;
    @Inject
    Clock clock;

    @ConfigProperty(name = "fake-hmrc.url")
    String fake;

    @Test
    void aValidAnswerCarriesNameAddressAndProcessingDate() {
        TaxId vrn = Registers.gbVat(FakeRegister.VALID);
        TaxIdVerification answer = hmrc.verify(vrn, Requester.NONE);
        assertEquals(TaxIdStatus.VALID, answer.status());
        assertEquals(TaxRegister.HMRC, answer.provider());
        assertEquals("Credite Sberger Donal Inc.", answer.verifiedName());
        assertEquals("131B Barton Hamlet\nLondon\nSW97 5CK", answer.verifiedAddress());
        assertEquals(Instant.parse("2025-01-15T10:00:00Z"), answer.checkedAt());
        assertNull(answer.reference(), "no consultation number without the organization's VRN");
        assertNull(answer.errorCode());
    }

    @Test
    void theOrganizationsVrnYieldsAConsultationNumber() {
        TaxId vrn = Registers.gbVat(FakeRegister.VALID);
        TaxId own = Registers.gbVat(FakeRegister.VALID);
        TaxIdVerification answer = hmrc.verify(vrn, new Requester(null, own));
        assertEquals(TaxIdStatus.VALID, answer.status());
        assertEquals("cn" + vrn.national().substring(2), answer.reference());
    }

    @Test
    void withoutCredentialsNothingIsCalled() {
        HmrcVerifier unconfigured = new HmrcVerifier(new Registers.Hmrc(fake, java.util.Optional.empty(),
                java.util.Optional.empty(), Registers.Settings.of(1, 100)), mapper, clock);
        TaxId vrn = Registers.gbVat(FakeRegister.VALID);
        TaxIdVerification answer = unconfigured.verify(vrn, Requester.NONE);
        assertEquals(TaxIdStatus.UNAVAILABLE, answer.status());
        assertEquals("NOT_CONFIGURED", answer.errorCode());
        assertEquals(0, Registers.calls(fake, vrn.national()));
    }

    @Test
    void theTokenIsFetchedOnceAndCached() {
        String client = Registers.unique("cache");
        HmrcVerifier verifier = own(client, clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(TaxIdStatus.VALID, verifier.verify(Registers.gbVat(FakeRegister.VALID), Requester.NONE).status());
        }
        assertEquals(1, tokenRequests(client));
    }

    @Test
    void concurrentChecksFetchOneToken() throws Exception {
        String client = Registers.unique("slow-token");
        HmrcVerifier verifier = own(client, clock);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<TaxIdVerification>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return verifier.verify(Registers.gbVat(FakeRegister.VALID), Requester.NONE);
                }));
            }
            start.countDown();
            for (Future<TaxIdVerification> answer : answers) {
                assertEquals(TaxIdStatus.VALID, answer.get().status());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, tokenRequests(client), "one token for all concurrent checks");
    }

    @Test
    void theTokenIsRenewedShortlyBeforeItExpires() {
        String client = Registers.unique("expiry");
        TestClock time = new TestClock();
        HmrcVerifier verifier = own(client, time);
        verifier.verify(Registers.gbVat(FakeRegister.VALID), Requester.NONE);
        time.advance(Duration.ofHours(3));
        verifier.verify(Registers.gbVat(FakeRegister.VALID), Requester.NONE);
        assertEquals(1, tokenRequests(client), "the 4-hour token is still good after 3 hours");
        time.advance(Duration.ofMinutes(59).plusSeconds(30));
        assertEquals(TaxIdStatus.VALID, verifier.verify(Registers.gbVat(FakeRegister.VALID), Requester.NONE).status());
        assertEquals(2, tokenRequests(client), "renewed within the last minute of its life");
    }

    @Test
    void aRefusedTokenIsRenewedAndTheLookupRepeated() {
        String client = Registers.unique("revoking");
        HmrcVerifier verifier = own(client, clock);
        assertEquals(TaxIdStatus.VALID, verifier.verify(Registers.gbVat(FakeRegister.VALID), Requester.NONE).status());
        TaxId second = Registers.gbVat(FakeRegister.VALID);
        TaxIdVerification answer = verifier.verify(second, Requester.NONE);
        assertEquals(TaxIdStatus.VALID, answer.status());
        assertEquals(2, tokenRequests(client));
        assertEquals(2, Registers.calls(fake, second.national()), "401 with the old token, 200 with the new one");
    }

    @Test
    void aFreshTokenRefusedAgainIsAConfigurationProblem() {
        String client = Registers.unique("always-401");
        TaxId vrn = Registers.gbVat(FakeRegister.VALID);
        TaxIdVerification answer = own(client, clock).verify(vrn, Requester.NONE);
        assertEquals(TaxIdStatus.UNAVAILABLE, answer.status());
        assertEquals("UNAUTHORIZED", answer.errorCode());
        assertEquals(2, tokenRequests(client));
        assertEquals(2, Registers.calls(fake, vrn.national()), "renewed once, not retried further");
    }

    @Test
    void aFailingTokenEndpointIsRetriedThenUnavailable() {
        String client = Registers.unique("token-500");
        TaxId vrn = Registers.gbVat(FakeRegister.VALID);
        TaxIdVerification answer = own(client, clock).verify(vrn, Requester.NONE);
        assertEquals(TaxIdStatus.UNAVAILABLE, answer.status());
        assertEquals("TOKEN_HTTP_500", answer.errorCode());
        assertEquals(2, tokenRequests(client));
        assertEquals(0, Registers.calls(fake, vrn.national()));
    }

    @Test
    void rejectedCredentialsAreNotRetried() {
        String client = Registers.unique("token-rejected");
        TaxIdVerification answer = own(client, clock).verify(Registers.gbVat(FakeRegister.VALID), Requester.NONE);
        assertEquals(TaxIdStatus.UNAVAILABLE, answer.status());
        assertEquals("TOKEN_REJECTED", answer.errorCode());
        assertEquals(1, tokenRequests(client));
    }

    @Test
    void aGarbledTokenAnswerIsUnavailable() {
        String client = Registers.unique("token-garbage");
        TaxIdVerification answer = own(client, clock).verify(Registers.gbVat(FakeRegister.VALID), Requester.NONE);
        assertEquals(TaxIdStatus.UNAVAILABLE, answer.status());
        assertEquals("TOKEN_MALFORMED", answer.errorCode());
    }

    private HmrcVerifier own(String client, Clock time) {
        return new HmrcVerifier(Registers.Hmrc.of(fake, client, Registers.Settings.of(1, 100)), mapper, time);
    }

    private int tokenRequests(String client) {
        return Registers.calls(fake, "token:" + client);
    }
}
