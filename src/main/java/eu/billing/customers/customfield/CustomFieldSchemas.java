package eu.billing.customers.customfield;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The two value schemas of {@link CustomFieldValue} as OpenAPI 3.0.3 needs them: SmallRye gives
 * an annotated class {@code type: object} beside its {@code oneOf}, which no value would match; and
 * the write's value admits null (removal) in the one way 3.0 allows inside a {@code oneOf}: a
 * nullable string branch, so that null matches exactly one branch.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class CustomFieldSchemas implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        fix(openAPI.getComponents().getSchemas().get("CustomFieldValue"), false);
        fix(openAPI.getComponents().getSchemas().get("CustomFieldValueOrNull"), true);
    }

    private static void fix(Schema schema, boolean orNull) {
        if (schema == null) {
            return;
        }
        schema.setType(null);
        List<Schema> branches = new ArrayList<>();
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        if (orNull) {
            string.addType(Schema.SchemaType.NULL);
        }
        branches.add(string);
        branches.add(OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN));
        schema.setOneOf(branches);
    }
}
