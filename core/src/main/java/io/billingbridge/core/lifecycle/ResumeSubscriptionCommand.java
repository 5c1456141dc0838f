package io.billingbridge.core.lifecycle;

import java.util.Objects;
import java.util.Optional;

/** A request to resume one of the owner's subscriptions, as the client sent it. */
public record ResumeSubscriptionCommand(String owner, Optional<String> organizationId, String subscriptionId) {
    public ResumeSubscriptionCommand {
        Objects.requireNonNull(organizationId, "organizationId");
    }
}
