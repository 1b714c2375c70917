package eu.billing.customers.tax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import eu.billing.customers.customer.VatValidationStatus;
import eu.billing.customers.tax.register.ViesAnswer;
import eu.billing.customers.tax.register.ViesClient;
import eu.billing.customers.support.FakeVies;
import io.quarkus.test.junit.QuarkusTest;

/** The VIES client against the fake VIES: every answer and failure maps as the issue says. */
@QuarkusTest
class ViesClientTest {

    @Inject
    ViesClient vies;

    @ConfigProperty(name = "fake-vies.url")
    String fakeVies;

    static Stream<Arguments> answers() {
        return Stream.of(
                // scenario, expected result, expected error code, expected calls (1 + retries when transient)
                Arguments.of(FakeVies.NOT_VALID, "INVALID", null, 1),
                Arguments.of(FakeVies.INVALID_INPUT, "INVALID", "INVALID_INPUT", 1),
                Arguments.of(FakeVies.INVALID_INPUT_HTTP_400, "INVALID", "INVALID_INPUT", 1),
                Arguments.of(FakeVies.MS_UNAVAILABLE, "UNAVAILABLE", "MS_UNAVAILABLE", 2),
                Arguments.of(FakeVies.SERVICE_UNAVAILABLE, "UNAVAILABLE", "SERVICE_UNAVAILABLE", 2),
                Arguments.of(FakeVies.TIMEOUT, "UNAVAILABLE", "TIMEOUT", 2),
                Arguments.of(FakeVies.MS_MAX_CONCURRENT_REQ, "UNAVAILABLE", "MS_MAX_CONCURRENT_REQ", 2),
                Arguments.of(FakeVies.GLOBAL_MAX_CONCURRENT_REQ, "UNAVAILABLE", "GLOBAL_MAX_CONCURRENT_REQ", 2),
                Arguments.of(FakeVies.VAT_BLOCKED, "UNAVAILABLE", "VAT_BLOCKED", 1),
                Arguments.of(FakeVies.IP_BLOCKED, "UNAVAILABLE", "IP_BLOCKED", 1),
                Arguments.of(FakeVies.INVALID_REQUESTER_INFO, "UNAVAILABLE", "INVALID_REQUESTER_INFO", 1),
                Arguments.of(FakeVies.HTTP_500, "UNAVAILABLE", "HTTP_500", 2),
                Arguments.of(FakeVies.HTTP_503, "UNAVAILABLE", "HTTP_503", 2),
                Arguments.of(FakeVies.SLOW, "UNAVAILABLE", "READ_TIMEOUT", 2),
                Arguments.of(FakeVies.REDIRECT, "UNAVAILABLE", "REDIRECT", 1),
                Arguments.of(FakeVies.GARBAGE, "UNAVAILABLE", "MALFORMED_RESPONSE", 1));
    }

    @ParameterizedTest(name = "scenario {0} -> {1} ({2})")
    @MethodSource("answers")
    void mapsEveryAnswer(String scenario, String result, String errorCode, int calls) {
        String number = Vat.number(scenario);
        ViesAnswer answer = vies.check("DE", number.substring(2), null, null);
        assertEquals(result, answer.result().name());
        assertEquals(errorCode, answer.errorCode());
        assertEquals(calls, Vat.calls(fakeVies, number));
    }

    @Test
    void validAnswerCarriesNameAddressAndRequestIdentifier() {
        String number = Vat.number(FakeVies.VALID);
        ViesAnswer answer = vies.check("DE", number.substring(2), "FR", "12345678901");
        assertEquals(VatValidationStatus.VALID, answer.result());
        assertEquals("ACME GmbH", answer.name());
        assertEquals("Hauptstr. 1\n10115 Berlin", answer.address());
        assertEquals("WAPIAAAAW" + number.substring(2), answer.requestIdentifier());
        assertEquals("2025-01-15T10:00:00.000Z", answer.requestDate());
        String sent = Vat.lastRequest(fakeVies, number);
        assertTrue(sent.contains("\"vatNumber\":\"" + number.substring(2) + "\""), sent);
        assertTrue(sent.contains("\"requesterMemberStateCode\":\"FR\""), sent);
        assertTrue(sent.contains("\"requesterNumber\":\"12345678901\""), sent);
    }

    @Test
    void unpublishedNameAndAddressAreNull() {
        ViesAnswer answer = vies.check("DE", Vat.number(FakeVies.UNPUBLISHED).substring(2), null, null);
        assertEquals(VatValidationStatus.VALID, answer.result());
        assertNull(answer.name());
        assertNull(answer.address());
    }

    @Test
    void aTransientFailureIsRetried() {
        String number = Vat.number(FakeVies.FLAKY_ONCE);
        ViesAnswer answer = vies.check("DE", number.substring(2), null, null);
        assertEquals(VatValidationStatus.VALID, answer.result());
        assertEquals(2, Vat.calls(fakeVies, number));
    }
}
