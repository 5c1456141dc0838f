package io.billingbridge.server;

import io.billingbridge.core.events.DeliveryOutcome;
import io.billingbridge.core.events.EventSender;
import io.billingbridge.core.events.WebhookHeaders;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link EventSender} over the JDK's HTTP client: a JSON POST with the Standard Webhooks headers, redirects not
 * followed, the receiver's answer discarded unread, and the whole attempt (connecting, answer and body) bounded.
 */
final class HttpEventSender implements EventSender {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client;
    private final Duration timeout;

    /** @param timeout how long a receiver has to answer, once connected */
    HttpEventSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Duration attemptBound() {
        return CONNECT_TIMEOUT.plus(timeout);
    }

    @Override
    public DeliveryOutcome post(URI url, WebhookHeaders headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("content-type", "application/json").header("user-agent", "billing-bridge")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.asMap().forEach(request::header);
        CompletableFuture<HttpResponse<Void>> sent = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.discarding());
        try {
            int status = sent.get(attemptBound().toMillis(), TimeUnit.MILLISECONDS).statusCode();
            return status >= 200 && status <= 299 ? new DeliveryOutcome.Accepted(status)
                    : new DeliveryOutcome.Refused(status);
        } catch (TimeoutException e) {
            sent.cancel(true);
            return new DeliveryOutcome.TimedOut();
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            return new DeliveryOutcome.Unreachable("interrupted");
        } catch (ExecutionException e) {
            return failure(e.getCause());
        }
    }

    private static DeliveryOutcome failure(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new DeliveryOutcome.Unreachable("connect");
        }
        if (cause instanceof HttpTimeoutException) {
            return new DeliveryOutcome.TimedOut();
        }
        if (cause instanceof IOException) {
            return new DeliveryOutcome.Unreachable("io");
        }
        return new DeliveryOutcome.Unreachable("client");
    }
}
