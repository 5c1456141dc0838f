package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /v1} pipeline: authentication, fault injection, parameter parsing and validation,
 * idempotency, then the resource handler under the store lock, then any loss of a write's response;
 * every response carries {@code Request-Id}.
 */
final class ApiHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final Router router;
    private final ObjectStore store;
    private final IdempotencyLayer idempotency;
    private final FaultInjector faults;
    private final Set<String> secretKeys;

    /** Per-request state: HttpExchange attributes are shared by the whole HttpContext in the JDK server. */
    private static final class Outcome {
        /** The request id of the first request when this one was answered from the idempotency record. */
        String replayedFrom;
        /** Whether a write (POST, DELETE) ran or was replayed, so that its response can be lost. */
        boolean wrote;
    }

    ApiHandler(Router router, ObjectStore store, IdempotencyLayer idempotency, FaultInjector faults,
            Set<String> secretKeys) {
        this.router = router;
        this.store = store;
        this.idempotency = idempotency;
        this.faults = faults;
        this.secretKeys = secretKeys;
    }

    void handle(HttpExchange exchange, String requestId) throws IOException {
        String body = HttpIo.body(exchange);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Stripe-Version", StripeEmulatorConfig.API_VERSION);
        headers.set("Cache-Control", "no-cache, no-store");
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        ApiResponse response;
        Outcome outcome = new Outcome();
        try {
            response = process(exchange, method, path, body, requestId, outcome);
        } catch (StripeApiException e) {
            if (e.status() == 401) {
                headers.set("WWW-Authenticate", "Basic realm=\"Stripe\"");
            }
            response = new ApiResponse(e.status(), e.body(requestId));
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure handling {} {} ({})", method, path, requestId, e);
            response = new ApiResponse(500, new StripeApiException(500, "api_error", null, null,
                    "An unknown error occurred", null).body(requestId));
        }
        Optional<FaultInjector.LostResponse> lost = outcome.wrote ? faults.takeAfterWrite() : Optional.empty();
        if (lost.isPresent() && lost.get().dropsConnection()) {
            // Nothing sent: closing the exchange then closes the connection, as a peer that died would.
            LOG.debug("{} {} ran; its response is dropped ({})", method, path, requestId);
            return;
        }
        if (lost.isPresent()) {
            response = new ApiResponse(lost.get().status(), new StripeApiException(lost.get().status(), "api_error",
                    null, null, "An unknown error occurred", null).body(requestId));
        } else if (outcome.replayedFrom != null) {
            headers.set("Idempotent-Replayed", "true");
            headers.set("Original-Request", outcome.replayedFrom);
            headers.set("Request-Id", outcome.replayedFrom);
        }
        String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (idempotencyKey != null && !"GET".equals(method)) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        HttpIo.send(exchange, response.status(), "application/json", Json.bytes(response.body()));
        LOG.debug("{} {} -> {} ({})", method, path, response.status(), requestId);
    }

    private ApiResponse process(HttpExchange exchange, String method, String path, String body, String requestId,
            Outcome outcome) {
        authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        FaultInjector.Fault taken = faults.take();
        int aimedStatus = faults.takeFor(method, path);
        FaultInjector.Fault fault = aimedStatus == 0 ? taken
                : new FaultInjector.Fault(aimedStatus, taken.latencyMillis());
        if (fault.failStatus() == 429) {
            throw new StripeApiException(429, "invalid_request_error", "rate_limit", null, "Too many requests hit the"
                    + " API too quickly. We recommend an exponential backoff of your requests.", null);
        }
        if (fault.failStatus() != 0) {
            throw new StripeApiException(fault.failStatus(), "api_error", null, null,
                    "An unknown error occurred", null);
        }
        String query = exchange.getRequestURI().getRawQuery();
        FormParams params = "GET".equals(method) || "DELETE".equals(method) && body.isEmpty()
                ? FormParams.parse(query) : FormParams.parse(query, body);
        Router.Match match = router.match(method, path);
        if (match == null) {
            throw StripeApiException.unrecognizedUrl(method, path);
        }
        match.route().spec().validate(params);
        String key = "GET".equals(method) ? null : exchange.getRequestHeaders().getFirst("Idempotency-Key");
        ApiRequest request = new ApiRequest(method, path, match.pathParams(), params, requestId, key);
        if (key == null) {
            pause(fault.latencyMillis());
            outcome.wrote = !"GET".equals(method);
            return store.atomically(() -> match.route().handler().handle(request));
        }
        if (key.length() > 255) {
            throw StripeApiException.invalid("idempotency_key",
                    "Idempotency-Key must be at most 255 characters long.");
        }
        IdempotencyLayer.Decision decision = idempotency.begin(key, method + " " + path + " " + params.canonical(),
                requestId);
        if (decision instanceof IdempotencyLayer.Refuse refuse) {
            throw refuse.error();
        }
        if (decision instanceof IdempotencyLayer.Replay replay) {
            outcome.replayedFrom = replay.originalRequestId();
            outcome.wrote = true;
            return replay.response();
        }
        ApiResponse response;
        try {
            pause(fault.latencyMillis());
            outcome.wrote = true;
            response = store.atomically(() -> match.route().handler().handle(request));
        } catch (StripeApiException e) {
            response = new ApiResponse(e.status(), e.body(requestId));
        } catch (RuntimeException e) {
            idempotency.complete(key, new ApiResponse(500, Json.object()));
            throw e;
        }
        idempotency.complete(key, response);
        return response;
    }

    private void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            faults.pause(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void authenticate(String authorization) {
        String key = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authorization.substring(7).trim();
        } else if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                key = colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                key = "";
            }
        }
        if (key == null || key.isEmpty()) {
            throw new StripeApiException(401, "invalid_request_error", null, null, "You did not provide an API key."
                    + " You need to provide your API key in the Authorization header, using Bearer auth (e.g."
                    + " 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for"
                    + " details, or we can help at https://support.stripe.com/.", null);
        }
        boolean accepted = secretKeys.isEmpty() ? key.startsWith("sk_test_") && key.length() > 8
                : secretKeys.contains(key);
        if (!accepted) {
            throw new StripeApiException(401, "invalid_request_error", "api_key_invalid", null,
                    "Invalid API Key provided: " + mask(key), null);
        }
    }

    private static String mask(String key) {
        if (key.length() <= 12) {
            return "*".repeat(key.length());
        }
        int prefix = key.startsWith("sk_test_") ? 8 : key.startsWith("sk_live_") ? 8 : 3;
        return key.substring(0, prefix) + "*".repeat(key.length() - prefix - 4) + key.substring(key.length() - 4);
    }

    /** Runs an API call from inside the emulator (seeding), with the same validation but no HTTP. */
    JsonNode call(String method, String path, String form) {
        FormParams params = FormParams.parse(form);
        Router.Match match = router.match(method, path);
        if (match == null) {
            throw new IllegalArgumentException("no such route " + method + " " + path);
        }
        match.route().spec().validate(params);
        ApiRequest request = new ApiRequest(method, path, match.pathParams(), params, null, null);
        return store.atomically(() -> match.route().handler().handle(request)).body();
    }
}
