package eu.billing.customers.platform.ops;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The command-line readiness probe: {@code <binary or java -jar quarkus-run.jar> healthcheck
 * [--url URL] [--timeout 2s]}. Container {@code HEALTHCHECK}s use it because the native images
 * ship no curl.
 *
 * <p>It asks {@code <url>/q/health/ready} once and answers an exit code: {@link #UP} when the
 * service answers 200 with status UP, {@link #DOWN} when it answers anything else, cannot be
 * reached or does not answer within the timeout (connect and response together), and
 * {@link #BAD_ARGUMENTS} for a bad command line. It prints exactly one line.
 *
 * <p>The JDK's {@link HttpClient} and Jackson's tree model (no reflection), and it runs before
 * Quarkus boots: no configuration, no database, no migrations.
 */
public final class HealthProbe {

    /** The first command-line argument that selects the probe. */
    public static final String COMMAND = "healthcheck";
    public static final int UP = 0;
    public static final int DOWN = 1;
    public static final int BAD_ARGUMENTS = 2;

    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    static final String READY_PATH = "/q/health/ready";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(ms|s|m)?");

    private HealthProbe() {
    }

    /**
     * Runs the probe. {@code args} are the arguments after {@value #COMMAND}. Answers the exit
     * code; prints one line on {@code out}.
     */
    public static int run(String[] args, PrintStream out) {
        String base = DEFAULT_URL;
        Duration timeout = DEFAULT_TIMEOUT;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!name.equals("--url") && !name.equals("--timeout")) {
                return usage(out, "unknown argument '" + arg + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    return usage(out, name + " needs a value");
                }
                value = args[++i];
            }
            if (name.equals("--url")) {
                base = value;
            } else {
                timeout = parseTimeout(value);
                if (timeout == null) {
                    return usage(out, "bad --timeout '" + value + "' (e.g. 500ms, 2s, 1m; at most 5m)");
                }
            }
        }
        URI target = target(base);
        if (target == null) {
            return usage(out, "bad --url '" + base + "' (e.g. http://127.0.0.1:8080)");
        }
        return probe(target, timeout, out);
    }

    /** {@code 2s}, {@code 500ms}, {@code 1m} or a bare number of seconds; null when invalid. */
    static Duration parseTimeout(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
        return d.isZero() || d.compareTo(MAX_TIMEOUT) > 0 ? null : d;
    }

    /** The readiness URI for a base URL (a URL already ending in the path is taken as is). */
    static URI target(String base) {
        try {
            URI uri = URI.create(base.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                return null;
            }
            String s = uri.toString();
            if (s.endsWith(READY_PATH)) {
                return uri;
            }
            return URI.create(s.replaceAll("/+$", "") + READY_PATH);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int probe(URI target, Duration timeout, PrintStream out) {
        long start = System.nanoTime();
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpRequest request = HttpRequest.newBuilder(target).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        try {
            // The overall deadline bounds connect + request + body, whatever the server does.
            HttpResponse<String> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long ms = elapsedMillis(start);
            boolean up = response.statusCode() == 200 && statusUp(response.body());
            out.println((up ? "UP " : "DOWN ") + target + " (HTTP " + response.statusCode() + ", " + ms + " ms)");
            return up ? UP : DOWN;
        } catch (TimeoutException e) {
            out.println("DOWN " + target + " (no answer within " + timeout.toMillis() + " ms)");
            return DOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("DOWN " + target + " (interrupted)");
            return DOWN;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String why = cause instanceof HttpTimeoutException
                    ? "no answer within " + timeout.toMillis() + " ms"
                    : "unreachable: " + describe(cause);
            out.println("DOWN " + target + " (" + why + ")");
            return DOWN;
        }
    }

    /**
     * Whether a MicroProfile Health document ({@code {"status":"UP","checks":[...]}}) says UP.
     * Jackson's tree model: no reflection, nothing to register for the native image.
     */
    static boolean statusUp(String body) {
        try {
            return "UP".equals(new ObjectMapper().readTree(body).path("status").asText());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String describe(Throwable t) {
        String detail = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                detail = c.getMessage().replaceAll("\\s+", " ");
            }
        }
        return detail == null ? t.getClass().getSimpleName() : detail;
    }

    private static long elapsedMillis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static int usage(PrintStream out, String problem) {
        out.println("usage: healthcheck [--url http://127.0.0.1:8080] [--timeout 2s]: " + problem);
        return BAD_ARGUMENTS;
    }
}
