package io.billingbridge.core.payment;

import io.billingbridge.core.account.CustomerId;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Checkout Session as Stripe reports it.
 *
 * @param url the hosted page; empty once the session is complete or expired
 * @param clientReferenceId the owner id Billing Bridge put there
 */
public record CheckoutSession(CheckoutSessionId id, Optional<URI> url, Optional<CustomerId> customer,
        Optional<String> clientReferenceId, String status, Map<String, String> metadata) {

    public CheckoutSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(clientReferenceId, "clientReferenceId");
        Objects.requireNonNull(status, "status");
        metadata = Map.copyOf(metadata);
    }
}
