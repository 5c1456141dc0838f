package io.billingbridge.core.webhook;

/** Who sent a webhook. */
public enum WebhookSource {
    STRIPE,
    CLERK
}
