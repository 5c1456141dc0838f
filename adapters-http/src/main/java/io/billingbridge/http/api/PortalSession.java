package io.billingbridge.http.api;

import java.net.URI;
import java.util.Objects;

/** A Stripe billing portal session just created: send the browser to {@code url}. */
public record PortalSession(String id, URI url) {
    public PortalSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
    }

    public static PortalSession of(io.billingbridge.core.payment.PortalSession session) {
        return new PortalSession(session.id(), session.url());
    }
}
