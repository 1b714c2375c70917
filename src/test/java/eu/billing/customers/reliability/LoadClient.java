package eu.billing.customers.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.http.Header;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.support.PackagedApp;

/**
 * The HTTP client of the load loops (crash, database restart, rate limit): Apache HttpClient, the
 * transport under REST Assured, with a pool of keep-alive connections. REST Assured builds a new
 * client and connection per request, several times slower, which would measure the test rather
 * than the service. No automatic retries: a request that fails is counted as failed. Answers are
 * read with Jackson.
 */
final class LoadClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status, the headers the checks look at, the body. */
    record Answer(int status, String contentType, String retryAfter, String body) {
        /** A member of the JSON body ({@code "data.id"}), or null. */
        String json(String path) {
            try {
                JsonNode node = JSON.readTree(body).at("/" + path.replace('.', '/'));
                return node.isMissingNode() || node.isNull() ? null : node.asText();
            } catch (IOException e) {
                return null;
            }
        }
    }

    private final String baseUri;
    private final CloseableHttpClient client;

    LoadClient(PackagedApp app) {
        this.baseUri = app.baseUri();
        this.client = HttpClients.custom()
                .setMaxConnPerRoute(16).setMaxConnTotal(16)
                .disableAutomaticRetries()
                // connect within 2 s, an answer within 30 s (a hang), a pooled connection within 30 s
                .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(2_000).setSocketTimeout(30_000)
                        .setConnectionRequestTimeout(30_000).build())
                .build();
    }

    Answer get(String path, String key) throws IOException {
        return send(new HttpGet(baseUri + path), key);
    }

    Answer post(String path, String key, Object body) throws IOException {
        HttpPost post = new HttpPost(baseUri + path);
        post.setEntity(new ByteArrayEntity(JSON.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
        return send(post, key);
    }

    private Answer send(HttpRequestBase request, String key) throws IOException {
        if (key != null) {
            request.setHeader("Authorization", "Bearer " + key);
        }
        request.setHeader("Accept", "application/json");
        try (CloseableHttpResponse r = client.execute(request)) {
            String body = r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8);
            return new Answer(r.getStatusLine().getStatusCode(), value(r.getFirstHeader("Content-Type")),
                    value(r.getFirstHeader("Retry-After")), body);
        }
    }

    private static String value(Header header) {
        return header == null ? null : header.getValue();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
