package eu.billing.customers.platform.problem;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import eu.billing.customers.platform.json.JsonInput;
import eu.billing.customers.platform.web.RequestGuard;

/**
 * Turns every exception into an RFC 9457 problem document. Nothing here ever puts an exception
 * class name or stack trace in a response.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /**
     * Unique constraints whose violation has a code of its own. Any other unique violation is a
     * {@link ErrorCode#CONFLICT}. Names are matched with or without the {@code _<shard id>} suffix
     * that Citus gives a shard's copy of an index (docs/scaling.md); keep them at most 42
     * characters so that Citus never has to shorten them (ConstraintNamesTest).
     */
    static final Map<String, ErrorCode> CONSTRAINTS = Map.of(
            "customers_external_id_live_uk", ErrorCode.EXTERNAL_ID_CONFLICT,
            "custom_field_definitions_key_uk", ErrorCode.CUSTOM_FIELD_KEY_TAKEN,
            "tax_ids_type_country_uk", ErrorCode.TAX_ID_DUPLICATE,
            "tax_ids_type_value_uk", ErrorCode.TAX_ID_DUPLICATE);

    /** The {@code _<shard id>} Citus appends to an index or constraint name on a shard. */
    private static final Pattern SHARD_SUFFIX = Pattern.compile("_\\d+$");

    /** PostgreSQL's SQLState for unique_violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    @ServerExceptionMapper
    public Response domain(DomainException e, HttpHeaders headers) {
        Response response = Problems.response(e.code(), e.getMessage(), requestId(headers), e.extensions());
        if (e.retryAfterSeconds() == null) {
            return response;
        }
        return Response.fromResponse(response).header("Retry-After", String.valueOf(e.retryAfterSeconds())).build();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpHeaders headers) {
        return fromJson(e, headers);
    }

    /** Declared separately: the REST layer's built-in mappers for these would otherwise win. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpHeaders headers) {
        return fromJson(e, headers);
    }

    @ServerExceptionMapper
    public Response parse(JsonParseException e, HttpHeaders headers) {
        return fromJson(e, headers);
    }

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException e, HttpHeaders headers) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new FieldError(JsonInput.fieldName(v.getPropertyPath().toString()), v.getMessage()));
        }
        return domain(new ValidationFailed(errors), headers);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers) {
        JsonProcessingException json = causeOf(e, JsonProcessingException.class);
        if (json != null) {
            return fromJson(json, headers);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ErrorCode code = switch (status) {
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
        if (code == ErrorCode.INTERNAL_ERROR) {
            LOG.errorf(e, "request %s failed", requestId(headers));
        }
        return Problems.response(code, detailFor(code), requestId(headers), null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers) {
        String requestId = requestId(headers);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException d) {
                return domain(d, headers);
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException cv) {
                ErrorCode code = knownConstraint(cv.getConstraintName());
                if (code != null) {
                    return Problems.response(code, "the value conflicts with another record ("
                            + baseName(cv.getConstraintName()) + ")", requestId, null);
                }
            }
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                LOG.warnf("request %s: unique violation without a code of its own: %s", requestId, sql.getMessage());
                return Problems.response(ErrorCode.CONFLICT,
                        "the request conflicts with an existing record", requestId, null);
            }
            if (isDatabaseUnavailable(t) || suppressedDatabaseUnavailable(t)) {
                LOG.warnf("request %s: database unavailable: %s", requestId, t.getMessage());
                return domain(new DomainException(ErrorCode.SERVICE_UNAVAILABLE,
                        "the database is not reachable; retry shortly").retryAfter(2), headers);
            }
        }
        LOG.errorf(e, "request %s failed", requestId);
        return Problems.response(ErrorCode.INTERNAL_ERROR,
                "an unexpected error occurred; quote the request id when reporting it", requestId, null);
    }

    private Response fromJson(JsonProcessingException e, HttpHeaders headers) {
        return domain(JsonInput.problem(e), headers);
    }

    /** The code of a known constraint, however Citus suffixed its name; null for any other. */
    static ErrorCode knownConstraint(String reported) {
        return reported == null ? null : CONSTRAINTS.get(baseName(reported));
    }

    /** The constraint name without a shard suffix, when the name without it is a known one. */
    private static String baseName(String reported) {
        if (CONSTRAINTS.containsKey(reported)) {
            return reported;
        }
        String base = SHARD_SUFFIX.matcher(reported).replaceFirst("");
        return CONSTRAINTS.containsKey(base) ? base : reported;
    }

    private static boolean isDatabaseUnavailable(Throwable t) {
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            String message = sql.getMessage() == null ? "" : sql.getMessage();
            return (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P03")))
                    || message.toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout");
        }
        return false;
    }

    /**
     * A commit that fails because the connection died surfaces as a RollbackException whose SQL
     * cause is only attached as a suppressed exception (Narayana), not as the cause.
     */
    private static boolean suppressedDatabaseUnavailable(Throwable t) {
        for (Throwable suppressed : t.getSuppressed()) {
            int depth = 0;
            for (Throwable s = suppressed; s != null && depth < 20; s = s.getCause(), depth++) {
                if (isDatabaseUnavailable(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String detailFor(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> "no such resource";
            case METHOD_NOT_ALLOWED -> "this method is not allowed on this resource";
            case NOT_ACCEPTABLE -> "the API answers application/json only";
            case PAYLOAD_TOO_LARGE -> "the request body is larger than 1 MiB";
            case UNSUPPORTED_MEDIA_TYPE -> "send the request body as application/json";
            case UNAUTHENTICATED -> "send Authorization: Bearer <api key>";
            case SERVICE_UNAVAILABLE -> "the service is temporarily unavailable";
            case INTERNAL_ERROR -> "an unexpected error occurred; quote the request id when reporting it";
            default -> "the request could not be processed";
        };
    }

    private static String requestId(HttpHeaders headers) {
        return headers == null ? null : headers.getHeaderString(RequestGuard.REQUEST_ID);
    }
}
