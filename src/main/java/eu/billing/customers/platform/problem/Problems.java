package eu.billing.customers.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/** Renders RFC 9457 problem documents. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static Map<String, Object> body(ErrorCode code, String detail, String requestId,
            Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", code.type());
        body.put("title", code.title());
        body.put("status", code.status());
        body.put("detail", detail);
        body.put("code", code.name());
        body.put("request_id", requestId);
        if (extensions != null) {
            body.putAll(extensions);
        }
        return body;
    }

    public static Response response(ErrorCode code, String detail, String requestId,
            Map<String, Object> extensions) {
        return Response.status(code.status())
                .type(MEDIA_TYPE)
                .entity(body(code, detail, requestId, extensions))
                .build();
    }
}
