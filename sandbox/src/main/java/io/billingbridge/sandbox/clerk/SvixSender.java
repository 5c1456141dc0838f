package io.billingbridge.sandbox.clerk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers Clerk events as Svix does: one POST per event, signed, retried a few times, in order. */
final class SvixSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SvixSender.class);
    private static final int ATTEMPTS = 3;

    private final URI url;
    private final byte[] key;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "clerk-dev-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final List<ClerkDevInstance.Delivery> deliveries = new CopyOnWriteArrayList<>();

    SvixSender(URI url, String secret, Clock clock) {
        this.url = url;
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        this.clock = clock;
    }

    /** Queues one event; delivery happens on a background thread. */
    void send(String type, ObjectNode data) {
        ObjectNode envelope = DevJson.MAPPER.createObjectNode();
        envelope.set("data", data);
        envelope.put("object", "event");
        envelope.put("type", type);
        envelope.put("timestamp", clock.millis());
        envelope.put("instance_id", "ins_billingbridge_dev");
        String body;
        try {
            body = DevJson.MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String msgId = DevStore.newId("msg_");
        worker.execute(() -> deliver(msgId, type, body));
    }

    List<ClerkDevInstance.Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private void deliver(String msgId, String type, String body) {
        int status = 0;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header("svix-id", msgId)
                    .header("svix-timestamp", timestamp)
                    .header("svix-signature", "v1," + sign(msgId, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    break;
                }
                LOG.info("Webhook {} ({}) answered HTTP {} on attempt {}", msgId, type, status, attempt);
            } catch (IOException e) {
                status = 0;
                LOG.info("Webhook {} ({}) failed on attempt {}: {}", msgId, type, attempt, e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt < ATTEMPTS) {
                try {
                    TimeUnit.MILLISECONDS.sleep(200L * attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        deliveries.add(new ClerkDevInstance.Delivery(msgId, type, status));
    }

    /** Base64 HMAC-SHA256 over {@code id.timestamp.body}. */
    String sign(String msgId, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((msgId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
