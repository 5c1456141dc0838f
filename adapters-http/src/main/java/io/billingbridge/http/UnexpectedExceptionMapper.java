package io.billingbridge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps everything that is not a core exception: framework errors (unknown route, wrong method, bad JSON) to the
 * error shape with their status, and anything else to a bare 500 whose detail stays in the log.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException web) {
            return framework(web.getResponse().getStatus(), web);
        }
        if (e instanceof JsonProcessingException) {
            return ErrorResponses.of(400, "invalid_request_error", "invalid_json",
                    "the request body is not valid JSON of the expected shape");
        }
        LOG.error("unexpected error", e);
        return ErrorResponses.of(500, "api_error", "internal_error", "something went wrong on our side; try again");
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
