package io.billingbridge.http.api;

/** The acknowledgement of a webhook delivery; {@code duplicate} when the event was already recorded. */
public record WebhookReceipt(boolean received, boolean duplicate) {

    public static WebhookReceipt of(boolean recordedNow) {
        return new WebhookReceipt(true, !recordedNow);
    }
}
