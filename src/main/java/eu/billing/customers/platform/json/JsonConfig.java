package eu.billing.customers.platform.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.time.Instant;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Strict JSON: a wrong JSON type is an error, never a silent coercion ({@code "name": 12} is not
 * the string "12", {@code "payment_terms_days": "30"} is not 30), duplicate keys are rejected.
 *
 * <p>The naming strategy that {@code quarkus.jackson.property-naming-strategy=SNAKE_CASE} (and the
 * OpenAPI's {@code property-naming-strategy}) names is loaded by class name when the mapper is
 * built, at run time: nothing else registers it, and without it the native binary does not start
 * (NativeReflectionIT checks every class named in configuration).
 */
@Singleton
@RegisterForReflection(targets = PropertyNamingStrategies.SnakeCaseStrategy.class)
public class JsonConfig implements ObjectMapperCustomizer {

    /**
     * After Quarkus's own customizer, which registers the class-path modules (JavaTimeModule): of
     * two serializers for one type, the one registered later wins, and ours must
     * ({@code TimestampsTest} checks).
     */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    @SuppressWarnings("deprecation")
    public void customize(ObjectMapper mapper) {
        // every BigDecimal of the API is a money amount: a JSON string on the wire (Amounts);
        // every Instant is written as Instant.toString() writes it, faster (Timestamps)
        mapper.registerModule(new SimpleModule("amounts")
                .addSerializer(BigDecimal.class, new Amounts.Serializer())
                .addDeserializer(BigDecimal.class, new Amounts.Deserializer())
                .addSerializer(Instant.class, new Timestamps.Serializer()));
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }
}
