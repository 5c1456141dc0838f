package io.billingbridge.core.events;

import java.time.Instant;

/** Signs one delivery attempt of an event with its endpoint's secret, as the Standard Webhooks specification says. */
public interface EventSigner {

    /** The headers for sending {@code body} as event {@code id} at {@code at}. */
    WebhookHeaders sign(SigningSecret secret, EventId id, Instant at, String body);
}
