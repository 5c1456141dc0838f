package io.billingbridge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps everything that is not a core exception: framework errors (unknown route, wrong method, bad JSON) to the
 * error shape with their status, an unreachable database or a connection pool with no free connection to a 503 with
 * {@code Retry-After} (one warn line each per {@link #OUTAGE_LOG_INTERVAL}, no stack trace), and anything else to a
 * bare 500 whose detail stays in the log.
 *
 * <p>A full pool is told by the pool's own exception, which carries no SQLState; the server, which knows its pool,
 * says how to recognise it, so this module needs no dependency on the pool.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);
    /** At most one warn line per this interval while the database is unreachable. */
    static final Duration OUTAGE_LOG_INTERVAL = Duration.ofSeconds(10);
    /** What a client is told to wait before retrying while the database is unreachable. */
    static final Duration OUTAGE_RETRY_AFTER = Duration.ofSeconds(5);
    /** What a client is told to wait before retrying when every pooled connection was busy: a passing overload. */
    static final Duration POOL_FULL_RETRY_AFTER = Duration.ofSeconds(2);

    private final ThrottledWarning outageWarning;
    private final ThrottledWarning poolFullWarning;
    private final Predicate<Throwable> poolFull;

    /** A mapper that knows no pool: only an unreachable database is a 503. */
    public UnexpectedExceptionMapper() {
        this(exception -> false);
    }

    /**
     * A mapper that also answers 503 when {@code poolFull} holds for the exception or one of its causes.
     *
     * @param poolFull recognises the connection pool's "no connection became free in time" exception
     */
    public UnexpectedExceptionMapper(Predicate<Throwable> poolFull) {
        this(new ThrottledWarning(LOG, OUTAGE_LOG_INTERVAL, System::nanoTime),
                new ThrottledWarning(LOG, OUTAGE_LOG_INTERVAL, System::nanoTime), poolFull);
    }

    UnexpectedExceptionMapper(ThrottledWarning outageWarning, ThrottledWarning poolFullWarning,
            Predicate<Throwable> poolFull) {
        this.outageWarning = Objects.requireNonNull(outageWarning, "outageWarning");
        this.poolFullWarning = Objects.requireNonNull(poolFullWarning, "poolFullWarning");
        this.poolFull = Objects.requireNonNull(poolFull, "poolFull");
    }

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException web) {
            return framework(web.getResponse().getStatus(), web);
        }
        if (e instanceof JsonProcessingException) {
            return ErrorResponses.of(400, "invalid_request_error", "invalid_json",
                    "the request body is not valid JSON of the expected shape");
        }
        if (DatabaseOutage.isCause(e)) {
            outageWarning.warn("database unreachable: answering 503 ({} more such requests since the last line)");
            return unavailable(OUTAGE_RETRY_AFTER);
        }
        if (DatabaseOutage.anyCause(e, poolFull)) {
            poolFullWarning.warn("no free database connection in time: answering 503 ({} more such requests since"
                    + " the last line)");
            return unavailable(POOL_FULL_RETRY_AFTER);
        }
        LOG.error("unexpected error", e);
        return ErrorResponses.of(500, "api_error", "internal_error", "something went wrong on our side; try again");
    }

    private static Response unavailable(Duration retryAfter) {
        Response error = ErrorResponses.of(503, "api_error", "service_unavailable",
                "the service is temporarily unavailable; retry shortly");
        return Response.fromResponse(error)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds())).build();
    }

    private static Response framework(int status, WebApplicationException e) {
        if (e instanceof PayloadTooLarge) {
            return ErrorResponses.of(413, "invalid_request_error", "payload_too_large", e.getMessage());
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return ErrorResponses.of(400, "invalid_request_error", "invalid_json",
                    "the request body is not valid JSON of the expected shape");
        }
        return switch (status) {
            case 404 -> ErrorResponses.of(404, "invalid_request_error", "not_found", "no such endpoint");
            case 405 -> ErrorResponses.of(405, "invalid_request_error", "method_not_allowed",
                    "that method is not allowed here");
            case 406 -> ErrorResponses.of(406, "invalid_request_error", "not_acceptable", "this API answers in JSON");
            case 415 -> ErrorResponses.of(415, "invalid_request_error", "unsupported_media_type",
                    "send application/json");
            default -> status >= 500
                    ? internal(e)
                    : ErrorResponses.of(status, "invalid_request_error", "bad_request", "the request is not valid");
        };
    }

    private static Response internal(WebApplicationException e) {
        LOG.error("framework error", e);
        return ErrorResponses.of(500, "api_error", "internal_error", "something went wrong on our side; try again");
    }
}
