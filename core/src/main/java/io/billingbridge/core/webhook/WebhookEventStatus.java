package io.billingbridge.core.webhook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a recorded webhook event stands. */
public enum WebhookEventStatus {
    /** Recorded, not tried yet. */
    PENDING,
    /** Tried and failed; retried when due. */
    FAILED,
    /** Done. */
    PROCESSED;

    /** The name in the database and the API, e.g. {@code failed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; empty when it names no status. */
    public static Optional<WebhookEventStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }
}
