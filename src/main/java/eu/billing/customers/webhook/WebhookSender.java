package eu.billing.customers.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends one signed delivery with the JDK HTTP client: POST, JSON body, the Standard Webhooks
 * headers, no redirects followed, a connect timeout and an overall timeout. The host is resolved
 * and every address checked first ({@link WebhookUrls#resolve}); a refused target is a failed
 * attempt without a request. Never called inside a transaction.
 */
@ApplicationScoped
public class WebhookSender {

    /** What one attempt came to; {@code statusCode} null when no answer came. */
    public record Result(boolean success, Integer statusCode, String error, long durationMillis) {
    }

    private final WebhookUrls urls;
    private final WebhookConfig config;
    private final HttpClient client;

    public WebhookSender(WebhookUrls urls, WebhookConfig config) {
        this.urls = urls;
        this.config = config;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(config.connectTimeout())
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread t = new Thread(r, "webhook-http");
                    t.setDaemon(true);
                    return t;
                })).build();
    }

    /** POSTs {@code body} to {@code url} with the given headers (name, value, name, value, ...). */
    public Result send(String url, String body, String... headers) {
        long start = System.nanoTime();
        try {
            URI uri = URI.create(url);
            urls.resolve(uri.getHost());
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.timeout())
                    .header("Content-Type", "application/json").header("User-Agent", "customers-service-webhooks/1")
                    .headers(headers).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            boolean ok = status >= 200 && status < 300;
            String error = ok ? null : status >= 300 && status < 400
                    ? "redirect " + status + " not followed" + response.headers().firstValue("Location")
                            .map(l -> " (Location: " + cut(l, 200) + ")").orElse("")
                    : "HTTP " + status;
            return new Result(ok, status, error, millis(start));
        } catch (WebhookUrls.Refused e) {
            return new Result(false, null, "refused: " + e.getMessage(), millis(start));
        } catch (UnknownHostException e) {
            return new Result(false, null, "unknown host: " + e.getMessage(), millis(start));
        } catch (HttpConnectTimeoutException e) {
            return new Result(false, null, "connect timeout after " + config.connectTimeout().toMillis() + " ms",
                    millis(start));
        } catch (HttpTimeoutException e) {
            return new Result(false, null, "timeout: no answer within " + config.timeout().toMillis() + " ms",
                    millis(start));
        } catch (ConnectException e) {
            return new Result(false, null, "connection refused", millis(start));
        } catch (IOException e) {
            return new Result(false, null, "I/O error: " + cut(String.valueOf(e.getMessage()), 300), millis(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, null, "interrupted (shutting down)", millis(start));
        } catch (IllegalArgumentException e) {
            return new Result(false, null, "invalid URL: " + cut(String.valueOf(e.getMessage()), 300), millis(start));
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    @PreDestroy
    void stop() {
        client.executor().ifPresent(e -> ((java.util.concurrent.ExecutorService) e).shutdownNow());
    }
}
