package io.billingbridge.core.admin;

import java.util.Objects;

/** Who an admin token belongs to, what it may do, and which Stripe mode the server works in. */
public record CallerDescription(AdminIdentity admin, StripeMode stripeMode) {
    public CallerDescription {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(stripeMode, "stripeMode");
    }
}
