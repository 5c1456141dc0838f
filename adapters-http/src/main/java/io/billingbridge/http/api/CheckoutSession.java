package io.billingbridge.http.api;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** A Stripe Checkout session just created: send the browser to {@code url}. */
public record CheckoutSession(String id, Optional<URI> url) {
    public CheckoutSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
    }

    public static CheckoutSession of(io.billingbridge.core.payment.CheckoutSession session) {
        return new CheckoutSession(session.id().value(), session.url());
    }
}
