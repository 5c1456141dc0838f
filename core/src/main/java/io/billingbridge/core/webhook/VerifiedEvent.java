package io.billingbridge.core.webhook;

import java.util.Objects;

/**
 * A webhook event whose signature verified, reduced to what it asks of us; the payload is not kept.
 *
 * @param eventId the sender's unique id for the event (Stripe's {@code evt_...}, Svix's {@code svix-id}); it
 *     deduplicates repeated deliveries
 * @param type the sender's event type, e.g. {@code invoice.paid}, kept for support only: no decision depends on it
 * @param work what the event asks Billing Bridge to do
 */
public record VerifiedEvent(String eventId, String type, WebhookWork work) {

    public VerifiedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(work, "work");
    }
}
