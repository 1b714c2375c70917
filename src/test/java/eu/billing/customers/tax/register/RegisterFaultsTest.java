package eu.billing.customers.tax.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Clock;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.support.FakeBrreg;
import eu.billing.customers.support.FakeHmrc;
import eu.billing.customers.support.FakeRegister;
import eu.billing.customers.support.FakeSwissUid;
import eu.billing.customers.tax.id.TaxId;
import eu.billing.customers.tax.id.TaxIdStatus;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The fault table of every register against its fake: which answer is VALID, INVALID or UNAVAILABLE,
 * with which error code, after how many requests (1 + one retry in tests for what a retry may cure).
 * Then, per register, a refused connection and the breaker opening, on verifier instances of the
 * test's own (their own breaker).
 */
@QuarkusTest
class RegisterFaultsTest {

    @Inject
    HmrcVerifier hmrc;
    @Inject
    SwissUidVerifier swissUid;
    @Inject
    BrregVerifier brreg;
    @Inject
    ObjectMapper mapper;
    @Inject
    Clock clock;

    @ConfigProperty(name = "fake-hmrc.url")
    String fakeHmrc;
    @ConfigProperty(name = "fake-swiss-uid.url")
    String fakeSwissUid;
    @ConfigProperty(name = "fake-brreg.url")
    String fakeBrreg;

    static Stream<Arguments> faults() {
        Stream<Arguments> common = Stream.of(TaxRegister.HMRC, TaxRegister.CH_UID, TaxRegister.BRREG).flatMap(r -> Stream.of(
                Arguments.of(r, FakeRegister.VALID, "VALID", null, 1),
                Arguments.of(r, FakeRegister.HTTP_500, "UNAVAILABLE", "HTTP_500", 2),
                Arguments.of(r, FakeRegister.HTTP_503, "UNAVAILABLE", "HTTP_503", 2),
                Arguments.of(r, FakeRegister.HTTP_429, "UNAVAILABLE", "HTTP_429", 2),
                Arguments.of(r, FakeRegister.SLOW, "UNAVAILABLE", "READ_TIMEOUT", 2),
                Arguments.of(r, FakeRegister.REDIRECT, "UNAVAILABLE", "REDIRECT", 1),
                Arguments.of(r, FakeRegister.GARBAGE, "UNAVAILABLE", "MALFORMED_RESPONSE", 1),
                Arguments.of(r, FakeRegister.FLAKY_ONCE, "VALID", null, 2)));
        Stream<Arguments> own = Stream.of(
                Arguments.of(TaxRegister.HMRC, FakeRegister.NOT_FOUND, "INVALID", "NOT_FOUND", 1),
                Arguments.of(TaxRegister.HMRC, FakeHmrc.REQUESTER_NOT_REGISTERED, "UNAVAILABLE", "INVALID_REQUEST", 1),
                Arguments.of(TaxRegister.HMRC, FakeHmrc.INVALID_REQUEST, "UNAVAILABLE", "INVALID_REQUEST", 1),
                Arguments.of(TaxRegister.HMRC, FakeHmrc.WRONG_RESOURCE, "UNAVAILABLE", "HTTP_404", 1),
                Arguments.of(TaxRegister.CH_UID, FakeRegister.NOT_FOUND, "INVALID", "NOT_VALID", 1),
                Arguments.of(TaxRegister.CH_UID, FakeSwissUid.DATA_VALIDATION_FAILED, "INVALID", "Data_validation_failed", 1),
                Arguments.of(TaxRegister.CH_UID, FakeSwissUid.REQUEST_LIMIT_EXCEEDED, "UNAVAILABLE", "Request_limit_exceeded", 2),
                Arguments.of(TaxRegister.CH_UID, FakeSwissUid.SERVER_FAULT, "UNAVAILABLE", "SOAP_FAULT", 2),
                Arguments.of(TaxRegister.CH_UID, FakeSwissUid.ACCESS_DENIED, "UNAVAILABLE", "Access_denied", 1),
                Arguments.of(TaxRegister.BRREG, FakeRegister.NOT_FOUND, "INVALID", "NOT_FOUND", 1),
                Arguments.of(TaxRegister.BRREG, FakeBrreg.GONE, "INVALID", "DELETED", 1),
                Arguments.of(TaxRegister.BRREG, FakeBrreg.DELETED, "INVALID", "DELETED", 1),
                Arguments.of(TaxRegister.BRREG, FakeBrreg.NOT_VAT_REGISTERED, "INVALID", "NOT_VAT_REGISTERED", 1),
                Arguments.of(TaxRegister.BRREG, FakeBrreg.HTML_404, "UNAVAILABLE", "HTTP_404", 1));
        return Stream.concat(common, own);
    }

    @ParameterizedTest(name = "{0} scenario {1} -> {2} ({3}) after {4} request(s)")
    @MethodSource("faults")
    void mapsEveryAnswer(TaxRegister register, String scenario, String status, String errorCode, int requests) {
        TaxId taxId = number(register, scenario);
        TaxIdVerification answer = verifier(register).verify(taxId, Requester.NONE);
        assertEquals(status, answer.status().name());
        assertEquals(errorCode, answer.errorCode());
        assertEquals(register, answer.provider());
        assertNotNull(answer.checkedAt());
        assertEquals(requests, Registers.calls(fake(register), taxId.national()));
        if (scenario.equals(FakeRegister.REDIRECT)) {
            assertEquals(0, Registers.calls(fake(register), "followed"), "a redirect is never followed");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TaxRegister.class, names = {"HMRC", "CH_UID", "BRREG"})
    void aRefusedConnectionIsUnavailable(TaxRegister register) {
        TaxIdVerification answer = own(register, Registers.CLOSED, Registers.Settings.of(1, 100))
                .verify(number(register, FakeRegister.VALID), Requester.NONE);
        assertEquals(TaxIdStatus.UNAVAILABLE, answer.status());
        assertEquals(register == TaxRegister.HMRC ? "TOKEN_CONNECTION_FAILED" : "CONNECTION_FAILED", answer.errorCode());
    }

    @ParameterizedTest
    @EnumSource(value = TaxRegister.class, names = {"HMRC", "CH_UID", "BRREG"})
    void theBreakerOpensOnARegisterThatKeepsFailing(TaxRegister register) {
        TaxIdVerifier verifier = own(register, fake(register), Registers.Settings.of(0, 4));
        TaxId failing = number(register, FakeRegister.HTTP_503);
        for (int i = 0; i < 4; i++) {
            assertEquals("HTTP_503", verifier.verify(failing, Requester.NONE).errorCode());
        }
        TaxIdVerification open = verifier.verify(failing, Requester.NONE);
        assertEquals(TaxIdStatus.UNAVAILABLE, open.status());
        assertEquals("CIRCUIT_OPEN", open.errorCode());
        assertEquals(4, Registers.calls(fake(register), failing.national()), "an open breaker calls nothing");
        // one breaker for the whole register: a good number is not asked either ...
        TaxId good = number(register, FakeRegister.VALID);
        assertEquals("CIRCUIT_OPEN", verifier.verify(good, Requester.NONE).errorCode());
        assertEquals(0, Registers.calls(fake(register), good.national()));
        // ... and the application's own verifier of that register has a breaker of its own
        assertEquals(TaxIdStatus.VALID, verifier(register).verify(good, Requester.NONE).status());
    }

    private TaxIdVerifier own(TaxRegister register, String url, Registers.Settings settings) {
        return switch (register) {
            case HMRC -> new HmrcVerifier(Registers.Hmrc.of(url, Registers.unique("own"), settings), mapper, clock);
            case CH_UID -> new SwissUidVerifier(new Registers.SwissUid(
                    url.equals(Registers.CLOSED) ? url : url + FakeSwissUid.PATH, settings), clock);
            case BRREG -> new BrregVerifier(new Registers.Brreg(url, settings), mapper, clock);
            case VIES -> throw new IllegalArgumentException("VIES has its own test, ViesClientTest");
        };
    }

    private TaxIdVerifier verifier(TaxRegister register) {
        return register == TaxRegister.HMRC ? hmrc : register == TaxRegister.CH_UID ? swissUid : brreg;
    }

    private String fake(TaxRegister register) {
        return register == TaxRegister.HMRC ? fakeHmrc : register == TaxRegister.CH_UID ? fakeSwissUid : fakeBrreg;
    }

    private static TaxId number(TaxRegister register, String scenario) {
        return register == TaxRegister.HMRC ? Registers.gbVat(scenario)
                : register == TaxRegister.CH_UID ? Registers.chVat(scenario, "") : Registers.noVat(scenario);
    }
}
