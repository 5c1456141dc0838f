package io.billingbridge.core.admin;

import java.util.Locale;

/** Whether the server works with Stripe test data or live data, told by its secret key; never the key itself. */
public enum StripeMode {
    /** A test key ({@code sk_test_...}, {@code rk_test_...}): test data only. */
    TEST("https://dashboard.stripe.com/test"),
    /** Any other key: real customers and money. */
    LIVE("https://dashboard.stripe.com");

    private final String dashboardUrl;

    StripeMode(String dashboardUrl) {
        this.dashboardUrl = dashboardUrl;
    }

    /** The mode of this secret or restricted key. */
    public static StripeMode ofKey(String key) {
        return key != null && (key.startsWith("sk_test_") || key.startsWith("rk_test_")) ? TEST : LIVE;
    }

    /** {@code test} or {@code live}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Stripe Dashboard for this mode; a customer is at {@code <url>/customers/<id>}. */
    public String dashboardUrl() {
        return dashboardUrl;
    }
}
