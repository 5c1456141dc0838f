package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;

/**
 * Test controls under {@code /_sandbox/}, outside Stripe's API and without authentication (the emulator binds
 * loopback by default): pay a Checkout Session, move the clock, inject faults, reset, inspect webhook deliveries.
 */
final class SandboxControls {

    private final EmulatorContext ctx;
    private final BillingEngine engine;
    private final FaultInjector faults;
    private final WebhookDispatcher dispatcher;
    private final IdempotencyLayer idempotency;
    private final Runnable reset;

    SandboxControls(EmulatorContext ctx, BillingEngine engine, FaultInjector faults, WebhookDispatcher dispatcher,
            IdempotencyLayer idempotency, Runnable reset) {
        this.ctx = ctx;
        this.engine = engine;
        this.faults = faults;
        this.dispatcher = dispatcher;
        this.idempotency = idempotency;
        this.reset = reset;
    }

    void handle(HttpExchange exchange, String requestId) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String body = HttpIo.body(exchange);
        FormParams params = FormParams.parse(exchange.getRequestURI().getRawQuery(), body);
        String[] parts = path.substring(1).split("/");
        try {
            ObjectNode out = route(method, parts, params);
            HttpIo.json(exchange, 200, Json.compact(out));
        } catch (StripeApiException e) {
            HttpIo.json(exchange, e.status(), Json.compact(e.body(requestId)));
        } catch (IllegalArgumentException e) {
            HttpIo.json(exchange, 400, Json.compact(StripeApiException.invalid(null, e.getMessage()).body(requestId)));
        }
    }

    private ObjectNode route(String method, String[] parts, FormParams params) {
        String action = parts.length > 1 ? parts[1] : "";
        if ("POST".equals(method) && parts.length == 4 && "checkout".equals(action) && "complete".equals(parts[3])) {
            return completeCheckout(parts[2], params);
        }
        if ("clock".equals(action) && parts.length == 2 && "GET".equals(method)) {
            return clock();
        }
        if ("clock".equals(action) && parts.length == 3 && "advance".equals(parts[2]) && "POST".equals(method)) {
            long seconds = params.integer("seconds", 0) + params.integer("days", 0) * 86_400;
            if (seconds <= 0) {
                throw StripeApiException.invalid("seconds", "Give seconds and/or days, a positive total.");
            }
            ctx.store.atomically(() -> engine.advance(seconds));
            return clock();
        }
        if ("faults".equals(action) && parts.length == 2) {
            if ("DELETE".equals(method)) {
                faults.reset();
            } else if ("POST".equals(method)) {
                Long fail = params.integer("fail_next");
                if (fail != null) {
                    faults.failNext(fail.intValue(), (int) params.integer("status", 500));
                }
                Long latency = params.integer("latency_ms");
                if (latency != null) {
                    faults.latency(latency, (int) params.integer("latency_requests", 0));
                }
                Long failAfterWrite = params.integer("fail_after_write");
                if (failAfterWrite != null) {
                    faults.failNextAfterWrite(failAfterWrite.intValue(),
                            (int) params.integer("after_write_status", 500));
                }
                Long dropAfterWrite = params.integer("drop_after_write");
                if (dropAfterWrite != null) {
                    faults.dropNextAfterWrite(dropAfterWrite.intValue());
                }
                Long searchLag = params.integer("search_lag_ms");
                if (searchLag != null) {
                    faults.searchLag(searchLag);
                }
            }
            return faults.describe();
        }
        if ("reset".equals(action) && parts.length == 2 && "POST".equals(method)) {
            reset.run();
            ObjectNode out = Json.object();
            out.put("reset", true);
            return out;
        }
        if ("deliveries".equals(action) && parts.length == 2 && "GET".equals(method)) {
            String type = params.string("event_type");
            ArrayNode data = Json.array();
            for (WebhookDelivery delivery : dispatcher.deliveries()) {
                if (type == null || type.equals(delivery.eventType())) {
                    data.add((ObjectNode) Json.MAPPER.valueToTree(delivery));
                }
            }
            ObjectNode out = Json.object();
            out.set("data", data);
            return out;
        }
        if ("idempotency".equals(action) && parts.length == 2 && "GET".equals(method)) {
            ObjectNode out = Json.object();
            out.put("in_flight", idempotency.inFlight());
            return out;
        }
        throw StripeApiException.unrecognizedUrl(method, "/" + String.join("/", parts));
    }

    private ObjectNode clock() {
        ObjectNode out = Json.object();
        out.put("now", ctx.now());
        return out;
    }

    private ObjectNode completeCheckout(String sessionId, FormParams params) {
        String typed = params.string("card", "4242424242424242");
        TestCard card = "none".equals(typed) ? null : TestCard.of(typed);
        BillingEngine.CheckoutResult result = ctx.store.atomically(() -> engine.completeCheckout(
                ctx.store.get("checkout.session", sessionId, "checkout.session", "session"), card,
                params.string("email"), params.string("name"), Origin.AUTOMATIC));
        dispatcher.awaitFirstAttempt(result.completedEventId(), HostedPages.CHECKOUT_WEBHOOK_WAIT);
        ObjectNode out = Json.object();
        out.set("session", ctx.store.atomically(() -> ctx.render(result.session(), List.of())));
        out.put("redirect_url", result.redirectUrl());
        return out;
    }
}
