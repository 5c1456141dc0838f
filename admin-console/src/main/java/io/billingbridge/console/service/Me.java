package io.billingbridge.console.service;

import java.util.List;
import java.util.Objects;

/** Who the admin token is and what it may do, from {@code GET /me}. */
public record Me(String name, List<String> scopes, String stripeMode, String stripeDashboardUrl) {
    public Me {
        Objects.requireNonNull(name, "name");
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        Objects.requireNonNull(stripeMode, "stripeMode");
        Objects.requireNonNull(stripeDashboardUrl, "stripeDashboardUrl");
    }

    /** Whether the token may run actions (resync, re-push, retry). */
    public boolean canWrite() {
        return scopes.contains("write");
    }

    /** The customer's page in Stripe's dashboard, in the server's mode. */
    public String customerUrl(String customerId) {
        String base = stripeDashboardUrl.endsWith("/")
                ? stripeDashboardUrl.substring(0, stripeDashboardUrl.length() - 1) : stripeDashboardUrl;
        return base + "/customers/" + customerId;
    }
}
