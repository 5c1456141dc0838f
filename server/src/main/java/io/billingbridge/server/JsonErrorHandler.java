package io.billingbridge.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.http.RequestIdFilter;
import io.billingbridge.http.api.ErrorBody;
import io.dropwizard.jackson.Jackson;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty makes itself, before or around the application (an ambiguous URI, headers over the
 * limit, a refused method, a path no servlet serves), in the API's error shape with a {@code Request-Id}, instead
 * of Jetty's HTML page. The body names the status only: never Jetty's reason text, version or a stack trace.
 *
 * <p>A 400 made here is a request Jetty could not take (such as a NUL in the path), after which Jetty ends the
 * connection even when the client asked to keep it: the answer says {@code Connection: close}, so the client opens
 * a new connection for its next request instead of losing that request on the closed one.
 */
final class JsonErrorHandler extends ErrorHandler {
    /** Dropwizard's mapper, which writes the error shape's Optional fields as the API does. */
    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    private static final String JSON_TYPE = "application/json";

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /** Answers in JSON whatever the request accepts; the status alone picks the body. */
    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
            Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON_TYPE);
        if (status == 400) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        if (!response.getHeaders().contains(RequestIdFilter.HEADER)) {
            response.getHeaders().put(RequestIdFilter.HEADER, RequestIdFilter.newId());
        }
        response.write(true, body(status), callback);
    }

    private static ByteBuffer body(int status) {
        try {
            return ByteBuffer.wrap(JSON.writeValueAsBytes(error(status)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body always serializes", e);
        }
    }

    private static ErrorBody error(int status) {
        return switch (status) {
            case 400 -> ErrorBody.of("invalid_request_error", "bad_request", "the request is not valid");
            case 404 -> ErrorBody.of("invalid_request_error", "not_found", "no such endpoint");
            case 405 -> ErrorBody.of("invalid_request_error", "method_not_allowed", "that method is not allowed here");
            case 408 -> ErrorBody.of("invalid_request_error", "request_timeout", "the request arrived too slowly");
            case 413 -> ErrorBody.of("invalid_request_error", "payload_too_large", "the request is too large");
            case 414 -> ErrorBody.of("invalid_request_error", "uri_too_long", "the request URI is too long");
            case 431 -> ErrorBody.of("invalid_request_error", "headers_too_large", "the request headers are too large");
            default -> status >= 500
                    ? ErrorBody.of("api_error", "internal_error", "something went wrong on our side; try again")
                    : ErrorBody.of("invalid_request_error", "bad_request", "the request is not valid");
        };
    }
}
