package io.billingbridge.core.error;

import java.util.Objects;
import java.util.Optional;

/** The request conflicts with the current state; retrying later may succeed. */
public final class Conflict extends BillingException {
    private final String subscription;

    public Conflict(String message) {
        this("conflict", message);
    }

    public Conflict(String code, String message) {
        super(code, message, null);
        this.subscription = null;
    }

    /**
     * A conflict with one of the caller's own subscriptions, which the error names so the client can act on it.
     *
     * @param subscription a {@code sub_...} id of the owner the caller acts for, never another owner's
     */
    public Conflict(String code, String message, String subscription) {
        super(code, message, null);
        this.subscription = Objects.requireNonNull(subscription, "subscription");
    }

    /** The caller's subscription the conflict is about, when there is one. */
    public Optional<String> subscription() {
        return Optional.ofNullable(subscription);
    }
}
