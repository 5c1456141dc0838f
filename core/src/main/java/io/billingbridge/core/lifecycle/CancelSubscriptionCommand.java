package io.billingbridge.core.lifecycle;

import java.util.Objects;
import java.util.Optional;

/**
 * A request to cancel one of the owner's subscriptions, as the client sent it.
 *
 * @param at {@code period_end} or {@code now}
 * @param reason the customer's reason, if given (free text, never logged)
 */
public record CancelSubscriptionCommand(String owner, Optional<String> organizationId, String subscriptionId,
        String at, Optional<String> reason) {
    public CancelSubscriptionCommand {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return "CancelSubscriptionCommand[owner=" + owner + ", subscriptionId=" + subscriptionId + ", at=" + at + "]";
    }
}
