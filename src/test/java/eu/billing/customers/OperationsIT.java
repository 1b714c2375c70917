package eu.billing.customers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import eu.billing.customers.platform.ops.HealthProbe;
import eu.billing.customers.support.AdminTokenResource;
import eu.billing.customers.support.Api;
import eu.billing.customers.support.PackagedArtifact;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * Operations of the packaged application (prod profile): health, OpenAPI, Prometheus metrics,
 * JSON log lines, and the {@code healthcheck} command run as a real subprocess.
 */
@QuarkusIntegrationTest
@WithTestResource(AdminTokenResource.class)
class OperationsIT {

    @Test
    void healthEndpoints() {
        given().when().get("/q/health/live")
                .then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database connections health check")));
    }

    @Test
    void openApiDocumentsTheApiInSnakeCase() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/v1/customers'.post", notNullValue())
                .body("paths.'/v1/customers/{id}/wallet'.get", notNullValue())
                .body("components.schemas.Wallet.properties.cash_balance.type", equalTo("string"));
    }

    @Test
    void prometheusMetricsCoverHttpAndTheDatabasePool() {
        Api.as(Api.newOrganization()).when().get("/v1/customers").then().statusCode(200);
        given().accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("http_server_requests_seconds_count{"))
                .body(containsString("uri=\"/v1/customers\""))
                .body(containsString("agroal_active_count{"));
    }

    @Test
    void logLinesAreJson() throws IOException {
        // The packaged app writes its console to target/quarkus.log; in prod each line is one
        // JSON object (the request id sits in "mdc", see RequestIdLoggingTest).
        List<String> lines = Files.readAllLines(PackagedArtifact.log(), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList();
        assertFalse(lines.isEmpty());
        ObjectMapper mapper = new ObjectMapper();
        boolean started = false;
        for (String line : lines) {
            if (!line.startsWith("{")) {
                continue; // Liquibase prints its change sets itself when it migrates
            }
            JsonNode node = mapper.readTree(line);
            assertTrue(node.has("level") && node.has("message") && node.has("mdc"), line);
            started |= node.get("message").asText().contains("started in");
        }
        assertTrue(started, "no JSON start-up line in " + PackagedArtifact.log());
    }

    @Test
    void healthcheckCommandAsASubprocess() throws Exception {
        String url = "http://127.0.0.1:" + RestAssured.port;
        Run up = run(PackagedArtifact.command("healthcheck", "--url", url, "--timeout", "5s"));
        assertEquals(HealthProbe.UP, up.code, up.output);
        assertTrue(up.output.strip().startsWith("UP " + url + "/q/health/ready"), up.output);
        assertEquals(1, up.output.strip().lines().count(), "one line, and Quarkus never booted: " + up.output);

        int stopped;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            stopped = socket.getLocalPort();
        }
        Run down = run(PackagedArtifact.command("healthcheck", "--url", "http://127.0.0.1:" + stopped));
        assertEquals(HealthProbe.DOWN, down.code, down.output);
        assertTrue(down.output.startsWith("DOWN "), down.output);

        Run bad = run(PackagedArtifact.command("healthcheck", "--timeout", "forever"));
        assertEquals(HealthProbe.BAD_ARGUMENTS, bad.code, bad.output);
    }

    /** Runs the command without any database configuration, as a container HEALTHCHECK does. */
    private static Run run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_"));
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the probe did not exit: " + command);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.exitValue(), output);
    }

    private record Run(int code, String output) {
    }
}
