package eu.billing.customers.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;

import io.restassured.RestAssured;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * The OpenAPI contract as a test: a REST Assured filter, installed for every test of the suite
 * ({@link ContractValidationExtension}), that checks each exchange against the document the
 * service under test serves at {@code /q/openapi} (fetched once per running instance):
 * <ul>
 * <li>every answer must match the document: a documented status, its media type, headers and
 * schema (Atlassian's swagger-request-validator);</li>
 * <li>a request the document calls invalid must not be answered with a success, so the document
 * is never stricter than the service in a way a client could rely on, and tests that send bad
 * requests on purpose still have their answers checked.</li>
 * </ul>
 * A mismatch fails the test at the request that caused it. The exemptions, all of them:
 * <ol>
 * <li>paths outside {@code /v1/} (health, metrics, the document itself, test-only resources)
 * are not part of the API;</li>
 * <li>a method or path the document does not have can only be refused: it must be answered
 * 404 or 405 as a problem document.</li>
 * </ol>
 */
public final class ContractValidation implements OrderedFilter {

    static final String API = "/v1/";
    private static final Set<String> UNKNOWN_ROUTE = Set.of(
            "validation.request.path.missing", "validation.request.operation.notAllowed");
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();
    private static final AtomicLong CHECKED = new AtomicLong();

    /** Adds the filter to REST Assured's global filters of the calling class loader, once. */
    public static void install() {
        if (RestAssured.filters().stream().noneMatch(f -> f instanceof ContractValidation)) {
            RestAssured.filters(new ContractValidation());
        }
    }

    /** How many answers were checked against the document in this class loader so far. */
    public static long checked() {
        return CHECKED.get();
    }

    @Override
    public int getOrder() {
        // outermost: sees the request as sent and the answer as received
        return OrderedFilter.HIGHEST_PRECEDENCE;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        URI uri = URI.create(request.getURI());
        if (uri.getPath() == null || !uri.getPath().startsWith(API)) {
            return response;
        }
        check(validator(uri), RestAssuredRequest.of(request), response);
        return response;
    }

    /** Checks one exchange; throws an {@link AssertionError} that says what does not match. */
    public static void check(OpenApiInteractionValidator validator, Request request, Response response) {
        String exchange = request.getMethod() + " " + request.getPath() + " -> " + response.statusCode();
        ValidationReport requestReport = validator.validateRequest(request);
        boolean unknownRoute = requestReport.getMessages().stream().anyMatch(m -> UNKNOWN_ROUTE.contains(m.getKey()));
        if (unknownRoute) {
            String type = String.valueOf(response.contentType());
            if (!(response.statusCode() == 404 || response.statusCode() == 405) || !type.startsWith("application/problem+json")
                    || response.jsonPath().getString("code") == null) {
                throw new AssertionError("a route the OpenAPI document does not have must answer a 404 or 405 problem: "
                        + exchange + " " + type);
            }
            CHECKED.incrementAndGet();
            return;
        }
        ValidationReport responseReport = validator.validateResponse(request.getPath(), request.getMethod(),
                RestAssuredResponse.of(response));
        if (responseReport.hasErrors()) {
            throw new AssertionError("the answer does not match the OpenAPI document: " + exchange + "\n"
                    + SimpleValidationReportFormat.getInstance().apply(responseReport) + "\nbody: " + brief(response));
        }
        if (requestReport.hasErrors() && response.statusCode() < 400) {
            throw new AssertionError("the OpenAPI document calls this request invalid, yet it was answered with a "
                    + "success; the document is stricter than the service: " + exchange + "\n"
                    + SimpleValidationReportFormat.getInstance().apply(requestReport));
        }
        CHECKED.incrementAndGet();
    }

    /** The validator of the document served by the instance at {@code uri}. */
    public static OpenApiInteractionValidator validator(URI uri) {
        String base = uri.getScheme() + "://" + uri.getAuthority();
        return VALIDATORS.computeIfAbsent(base, ContractValidation::forServedDocument);
    }

    private static OpenApiInteractionValidator forServedDocument(String base) {
        return forDocument(fetch(base + "/q/openapi?format=json"));
    }

    /** A validator for an OpenAPI document (JSON or YAML). */
    public static OpenApiInteractionValidator forDocument(String document) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
    }

    private static String fetch(String url) {
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError("the service does not serve its OpenAPI document: " + url + " answered "
                        + answer.statusCode());
            }
            return answer.body();
        } catch (IOException e) {
            throw new AssertionError("cannot read the OpenAPI document at " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading " + url, e);
        }
    }

    private static String brief(Response response) {
        String body = response.asString();
        return body.length() > 2000 ? body.substring(0, 2000) + "..." : body;
    }
}
