package io.billingbridge.core.portal;

import java.util.Objects;
import java.util.Optional;

/**
 * A request to open the billing portal, as the client sent it.
 *
 * @param flow the step to open on: {@code payment_method_update}, {@code subscription_cancel} or
 *     {@code subscription_update}; empty for the portal's home page
 * @param subscription the subscription a subscription flow acts on
 */
public record OpenBillingPortalCommand(String owner, Optional<String> organizationId, String returnUrl,
        Optional<String> flow, Optional<String> subscription) {
    public OpenBillingPortalCommand {
        Objects.requireNonNull(organizationId, "organizationId");
        flow = flow == null ? Optional.empty() : flow;
        subscription = subscription == null ? Optional.empty() : subscription;
    }

    /** A request for the portal's home page. */
    public OpenBillingPortalCommand(String owner, Optional<String> organizationId, String returnUrl) {
        this(owner, organizationId, returnUrl, Optional.empty(), Optional.empty());
    }
}
