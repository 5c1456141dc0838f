package io.billingbridge.core.webhook;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A webhook request as it arrived: the raw body (signatures cover its exact bytes) and its headers.
 *
 * <p>Never log the body: it may hold emails and other personal data.
 */
public final class WebhookDelivery {
    private final byte[] body;
    private final Map<String, String> headers;

    public WebhookDelivery(byte[] body, Map<String, String> headers) {
        this.body = Objects.requireNonNull(body, "body").clone();
        TreeMap<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        this.headers = Map.copyOf(lower);
    }

    /** A copy of the raw body. */
    public byte[] body() {
        return body.clone();
    }

    /** A header by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
