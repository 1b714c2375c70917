package eu.billing.customers.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.SplittableRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** The API's timestamps are written as {@link Instant#toString()} writes them, by {@link Timestamps}. */
@QuarkusTest
class TimestampsTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void writesEveryInstantAsInstantToStringDoes() {
        SplittableRandom random = new SplittableRandom(16);
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        for (int n = 0; n < 3_000_000; n++) {
            long second = random.nextLong(min, max + 1);
            int nano = switch (n % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000; // milliseconds
                case 2 -> random.nextInt(1_000_000) * 1000; // microseconds, as PostgreSQL stores them
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(second, nano);
            assertEquals(t.toString(), Timestamps.iso(t));
        }
        for (String edge : new String[] { "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2024-02-29T12:00:00.000001Z",
                "2026-11-29T10:00:00.100Z", "2026-11-29T10:00:00.120Z", "2026-11-29T10:00:00.000100Z",
                "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z" }) {
            Instant t = Instant.parse(edge);
            assertEquals(edge, t.toString());
            assertEquals(edge, Timestamps.iso(t));
        }
    }

    @Test
    void theApisMapperWritesInstantsWithIt() throws Exception {
        // Jackson's JavaTimeModule would write the same text: check that ours is the one in use
        assertInstanceOf(Timestamps.Serializer.class,
                mapper.getSerializerProviderInstance().findValueSerializer(Instant.class));
        assertEquals("\"2026-11-29T10:00:00.123456Z\"",
                mapper.writeValueAsString(Instant.parse("2026-11-29T10:00:00.123456Z")));
    }
}
