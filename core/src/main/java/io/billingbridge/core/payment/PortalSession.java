package io.billingbridge.core.payment;

import java.net.URI;
import java.util.Objects;

/** A Billing Portal Session: where to send the customer. */
public record PortalSession(String id, URI url) {
    public PortalSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
    }
}
