package io.billingbridge.core.admin;

import io.billingbridge.core.audit.Auditor;
import java.util.Objects;
import java.util.Optional;

/** Tells the console who its token belongs to and what it may do: its connection check. */
public final class DescribeCaller {
    private final StripeMode stripeMode;
    private final AdminAudit audit;

    /** @param stripeMode decided from the configured key at wiring, so the key never reaches the use case */
    public DescribeCaller(StripeMode stripeMode, Auditor auditor) {
        this.stripeMode = Objects.requireNonNull(stripeMode, "stripeMode");
        this.audit = new AdminAudit(auditor);
    }

    /** The caller's name and scopes, and the server's Stripe mode. */
    public CallerDescription describe(AdminIdentity admin) {
        return audit.run(admin, Optional.empty(), AdminAction.READ_ME, () -> new CallerDescription(admin, stripeMode),
                d -> "scopes=" + AdminScope.format(d.admin().scopes()));
    }
}
