package io.billingbridge.server;

import io.billingbridge.http.ErrorResponses;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request the connector gave up on while its body was being read (408 when the body arrived slower than
 * the minimum data rate, 400 when it was malformed) with its own status and {@code Connection: close}, instead of
 * a 500 with a stack trace: under a slow-upload attack there is one per attacking connection.
 */
final class BadMessageMapper implements ExceptionMapper<BadMessageException> {
    private static final Logger LOG = LoggerFactory.getLogger(BadMessageMapper.class);

    @Override
    public Response toResponse(BadMessageException e) {
        int status = e.getCode() >= 400 && e.getCode() < 500 ? e.getCode() : 400;
        LOG.debug("request body refused by the connector: {} {}", status, e.getReason());
        String code = status == 408 ? "request_timeout" : "bad_request";
        String message = status == 408 ? "the request body arrived too slowly" : "the request is not valid";
        Response error = ErrorResponses.of(status, "invalid_request_error", code, message);
        return Response.fromResponse(error).header("Connection", "close").build();
    }
}
