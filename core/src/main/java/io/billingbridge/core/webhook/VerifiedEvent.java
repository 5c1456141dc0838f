package io.billingbridge.core.webhook;

import java.util.Objects;

/**
 * A webhook event whose signature verified, reduced to what it asks of us; the payload is not kept.
 *
 * @param eventId the sender's unique id for the event (Stripe's {@code evt_...}, Svix's {@code svix-id}); it
 *     deduplicates repeated deliveries; 1 to {@value #MAX_EVENT_ID_LENGTH} characters, which verifiers check
 *     first to refuse a longer one as an invalid payload
 * @param type the sender's event type, e.g. {@code invoice.paid}, kept for support only: no decision depends on it
 * @param work what the event asks Billing Bridge to do
 */
public record VerifiedEvent(String eventId, String type, WebhookWork work) {

    /** The longest event id the ledger keeps. */
    public static final int MAX_EVENT_ID_LENGTH = 255;

    public VerifiedEvent {
        Objects.requireNonNull(eventId, "eventId");
        if (eventId.isEmpty() || eventId.length() > MAX_EVENT_ID_LENGTH) {
            throw new IllegalArgumentException("eventId must be 1 to " + MAX_EVENT_ID_LENGTH + " characters");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(work, "work");
    }
}
