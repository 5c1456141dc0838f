package io.billingbridge.sandbox.stripe;

/**
 * The outcome so far of sending one event to one webhook endpoint.
 *
 * @param eventId the event sent
 * @param eventType its type
 * @param endpointId the webhook endpoint
 * @param attempts attempts made so far
 * @param lastStatus HTTP status of the last attempt, 0 when there was no answer
 * @param state {@code pending}, {@code succeeded} or {@code failed} (retries exhausted)
 */
public record WebhookDelivery(String eventId, String eventType, String endpointId, int attempts, int lastStatus,
        String state) {
}
