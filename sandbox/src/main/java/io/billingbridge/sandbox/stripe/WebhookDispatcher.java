package io.billingbridge.sandbox.stripe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to webhook endpoints asynchronously, signed as Stripe signs them, one queue per endpoint
 * so each endpoint sees events in the order they happened; failed deliveries are retried with a
 * doubling, bounded backoff before the next event is sent.
 */
final class WebhookDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final StripeEmulatorConfig.WebhookRetry retry;
    private final Clock signingClock;
    private final HttpClient http;
    private final Map<String, ExecutorService> queues = new HashMap<>();
    private final Map<Long, WebhookDelivery> deliveries = new LinkedHashMap<>();
    private long sequence;
    private boolean closed;

    WebhookDispatcher(StripeEmulatorConfig.WebhookRetry retry, Clock signingClock) {
        this.retry = retry;
        this.signingClock = signingClock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Queues one event for one endpoint; returns immediately. */
    synchronized void enqueue(String endpointId, String url, String secret, String eventId, String eventType,
            String payload) {
        if (closed) {
            return;
        }
        long index = sequence++;
        deliveries.put(index, new WebhookDelivery(eventId, eventType, endpointId, 0, 0, "pending"));
        queues.computeIfAbsent(endpointId, id -> Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "stripe-webhooks-" + id);
            thread.setDaemon(true);
            return thread;
        })).execute(() -> deliver(index, url, secret, payload));
    }

    private void deliver(long index, String url, String secret, String payload) {
        Duration backoff = retry.initialBackoff();
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            int status = post(url, secret, payload);
            boolean ok = status >= 200 && status < 300;
            boolean last = attempt == retry.maxAttempts();
            if (!record(index, attempt, status, ok ? "succeeded" : last ? "failed" : "pending")) {
                return;
            }
            if (ok) {
                return;
            }
            WebhookDelivery delivery = snapshot(index);
            if (delivery == null) {
                return;
            }
            LOG.info("Webhook delivery of {} to {} failed with status {} (attempt {} of {})",
                    delivery.eventId(), delivery.endpointId(), status, attempt, retry.maxAttempts());
            if (last) {
                return;
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff()
                    : backoff.multipliedBy(2);
        }
    }

    private int post(String url, String secret, String payload) {
        long timestamp = signingClock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                .header("Stripe-Signature", signatureHeader(payload, secret, timestamp))
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private synchronized boolean record(long index, int attempts, int status, String state) {
        if (closed || !deliveries.containsKey(index)) {
            return false;
        }
        WebhookDelivery old = deliveries.get(index);
        deliveries.put(index, new WebhookDelivery(old.eventId(), old.eventType(), old.endpointId(), attempts, status,
                state));
        notifyAll();
        return true;
    }

    /**
     * Waits until every endpoint has answered (or failed) the first delivery attempt of an event, at most
     * {@code timeout}; Checkout does this for {@code checkout.session.completed} before redirecting.
     */
    synchronized void awaitFirstAttempt(String eventId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closed && deliveries.values().stream().anyMatch(d -> d.eventId().equals(eventId) && d.attempts() == 0)) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized WebhookDelivery snapshot(long index) {
        return deliveries.get(index);
    }

    synchronized List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries.values());
    }

    /** Drops queued and recorded deliveries, as part of a state reset. */
    synchronized void reset() {
        queues.values().forEach(ExecutorService::shutdownNow);
        queues.clear();
        deliveries.clear();
        notifyAll();
    }

    /** Stripe's header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload" keyed by the whole secret>}. */
    static String signatureHeader(String payload, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(digest.length * 2);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return "t=" + timestamp + ",v1=" + hex;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public void close() {
        List<ExecutorService> running;
        synchronized (this) {
            closed = true;
            notifyAll();
            running = new ArrayList<>(queues.values());
            queues.clear();
        }
        for (ExecutorService queue : running) {
            queue.shutdownNow();
            try {
                queue.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
