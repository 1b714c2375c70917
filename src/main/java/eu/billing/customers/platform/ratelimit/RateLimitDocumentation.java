package eu.billing.customers.platform.ratelimit;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;

import eu.billing.customers.platform.problem.Problems;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents the 429 {@code RATE_LIMITED} answer on every rate-limited operation (authenticated
 * /v1 routes, not the admin ones) in one place, instead of an annotation on each endpoint.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class RateLimitDocumentation implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/v1/") || path.getKey().startsWith("/v1/admin")) {
                continue;
            }
            for (Operation operation : path.getValue().getOperations().values()) {
                if (operation.getResponses() != null && operation.getResponses().getAPIResponse("429") == null) {
                    operation.getResponses().addAPIResponse("429", OASFactory.createAPIResponse()
                            .description("The organization's rate limit is exhausted (RATE_LIMITED); retry after "
                                    + "Retry-After seconds")
                            .addHeader("Retry-After", OASFactory.createHeader()
                                    .description("Whole seconds until the next request is allowed")
                                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)))
                            .content(OASFactory.createContent().addMediaType(Problems.MEDIA_TYPE,
                                    OASFactory.createMediaType().schema(OASFactory.createSchema()
                                            .ref("#/components/schemas/Problem")))));
                }
            }
        }
    }
}
