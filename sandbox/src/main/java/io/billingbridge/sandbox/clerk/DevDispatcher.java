package io.billingbridge.sandbox.clerk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to its area (the Backend API under {@code /v1/}, the helpers under {@code /_sandbox/},
 * the public pages elsewhere) and turns what handlers throw into Clerk errors: a missing object is 404
 * {@code resource_not_found}, a refused argument 422 {@code form_param_value_invalid}, anything else 500.
 */
final class DevDispatcher implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DevDispatcher.class);
    private static final String SANDBOX_PREFIX = "/_sandbox/";

    private final BackendApi backend;
    private final DevRouter helpers;
    private final DevRouter pages;

    DevDispatcher(BackendApi backend, DevRouter helpers, DevRouter pages) {
        this.backend = backend;
        this.helpers = helpers;
        this.pages = pages;
    }

    @Override
    public void handle(HttpExchange exchange) {
        String traceId = DevJson.newTraceId();
        try {
            answer(exchange, traceId).writeTo(exchange, traceId);
        } catch (RuntimeException | IOException e) {
            LOG.warn("Clerk dev instance failed a request (trace {})", traceId, e);
            sendInternalError(exchange, traceId);
        } finally {
            exchange.close();
        }
    }

    private DevResponse answer(HttpExchange exchange, String traceId) throws IOException {
        try {
            return dispatch(exchange, DevRequest.read(exchange, traceId));
        } catch (NoSuchElementException e) {
            return DevResponse.notFound(traceId);
        } catch (IllegalArgumentException | IllegalStateException | JsonProcessingException e) {
            return DevResponse.error(422, "form_param_value_invalid", e.getMessage(), traceId);
        }
    }

    private DevResponse dispatch(HttpExchange exchange, DevRequest request) throws IOException {
        if (request.path().startsWith(BackendApi.PREFIX)) {
            return backend.handle(request);
        }
        if (request.path().startsWith(SANDBOX_PREFIX)) {
            allowCrossOrigin(exchange, request);
            return request.method().equals("OPTIONS") ? DevResponse.empty(204) : route(helpers, request);
        }
        return route(pages, request);
    }

    /** The matching route's answer, or Clerk's 404 (also for a known path asked with another method). */
    private static DevResponse route(DevRouter router, DevRequest request) throws IOException {
        return router.answer(request).orElseGet(() -> DevResponse.notFound(request.traceId()));
    }

    /** The helpers serve browser pages of other local origins, cookies included. */
    private static void allowCrossOrigin(HttpExchange exchange, DevRequest request) {
        request.header("Origin").ifPresent(origin -> {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
            exchange.getResponseHeaders().set("Access-Control-Allow-Credentials", "true");
            exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS");
            exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
            exchange.getResponseHeaders().set("Vary", "Origin");
        });
    }

    private static void sendInternalError(HttpExchange exchange, String traceId) {
        try {
            DevResponse.error(500, "internal_clerk_error", "internal error", traceId).writeTo(exchange, traceId);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not send an error response (trace {})", traceId);
        }
    }
}
