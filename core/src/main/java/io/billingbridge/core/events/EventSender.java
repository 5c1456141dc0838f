package io.billingbridge.core.events;

import java.net.URI;
import java.time.Duration;

/** Posts one signed event to an endpoint, within a bounded time. */
public interface EventSender {

    /** Posts {@code body} with {@code headers}; never throws for what the receiver or the network does. */
    DeliveryOutcome post(URI url, WebhookHeaders headers, String body);

    /** The longest one {@link #post} may take, connecting included. */
    Duration attemptBound();
}
