package io.billingbridge.core.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One event claimed for delivery to one endpoint.
 *
 * @param endpoint the endpoint's {@link EventEndpoint#key() key}
 * @param ownerKey whose event it is, e.g. {@code user:user_2abc}; an owner's events go out in order
 * @param body the JSON sent, the same on every attempt
 * @param retriesFrom when its day of retries began: when it was recorded, or when support last retried it by hand
 * @param attempts how many attempts were made before this one
 */
public record PendingDelivery(EventId id, String endpoint, EventType type, String ownerKey, String body,
        Instant retriesFrom, int attempts) {
    public PendingDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ownerKey, "ownerKey");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(retriesFrom, "retriesFrom");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative");
        }
    }
}
