package io.billingbridge.core.portal;

import java.util.Objects;
import java.util.Optional;

/** A request to open the billing portal, as the client sent it. */
public record OpenBillingPortalCommand(String owner, Optional<String> organizationId, String returnUrl) {
    public OpenBillingPortalCommand {
        Objects.requireNonNull(organizationId, "organizationId");
    }
}
