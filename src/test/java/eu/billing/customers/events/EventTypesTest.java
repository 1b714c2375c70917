package eu.billing.customers.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * EventTypes.ALL is the list webhook endpoints subscribe from: every type an EventPayload of the
 * main sources answers ({@code return "x.y";} in a file that implements EventPayload) must be in it.
 * (It may list more: types declared in advance for features landing with it, and types an
 * EventPayload computes, such as api_key.*.)
 */
class EventTypesTest {

    private static final Pattern TYPE = Pattern.compile("return \"([a-z_]+\\.[a-z_]+)\";");

    @Test
    void everyEventTypeWrittenIsListed() throws Exception {
        Set<String> written = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(f);
                if (source.contains("implements EventPayload")) {
                    Matcher m = TYPE.matcher(source);
                    while (m.find()) {
                        written.add(m.group(1));
                    }
                }
            }
        }
        assertTrue(written.size() >= 15, "the scan found too few event types: " + written);
        Set<String> missing = new TreeSet<>(written);
        missing.removeAll(EventTypes.ALL);
        assertEquals(Set.of(), missing, "events/EventTypes.ALL must list every event type the service writes");
        assertTrue(EventTypes.ALL.stream().allMatch(t -> t.matches("[a-z_]+\\.[a-z_]+")), EventTypes.ALL.toString());
    }
}
