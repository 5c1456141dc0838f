package io.billingbridge.core.payment;

import io.billingbridge.core.account.CustomerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified payment-provider event, reduced to what tells us whom to re-sync.
 *
 * <p>The payload is deliberately not kept: state is always re-fetched, so event order never matters.
 *
 * @param customer the customer the event concerns, when it names one
 * @param objectId the id of the event's object (subscription, invoice, price, ...)
 */
public record PaymentEvent(String eventId, String type, Optional<CustomerId> customer, Optional<String> objectId,
        Instant created) {

    public PaymentEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(created, "created");
    }

    /** True for events that change the catalog ({@code price.*}, {@code product.*}). */
    public boolean changesCatalog() {
        return changesCatalog(type);
    }

    /** True for event types that change the catalog ({@code price.*}, {@code product.*}). */
    public static boolean changesCatalog(String type) {
        return type.startsWith("price.") || type.startsWith("product.");
    }
}
