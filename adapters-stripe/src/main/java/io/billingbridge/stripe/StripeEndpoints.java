package io.billingbridge.stripe;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Stripe request path as a metric label: every segment not in Stripe's resource vocabulary becomes {@code {id}}, so
 * no customer, subscription or session id (nor anything else unknown) ever reaches a label.
 */
final class StripeEndpoints {
    /** The resource and action names of the paths this adapter calls, and their neighbours. */
    private static final Set<String> VOCABULARY = Set.of("v1", "v2", "customers", "search", "subscriptions",
            "subscription_items", "prices", "products", "invoices", "lines", "payment_methods", "checkout",
            "sessions", "line_items", "expire", "billing_portal", "configurations", "entitlements",
            "active_entitlements", "features", "events", "charges", "invoice_payments", "cancel", "upcoming",
            "payment_intents", "setup_intents", "test_helpers", "test_clocks", "billing", "meters", "meter_events");
    private static final Pattern SLASHES = Pattern.compile("/+");

    private StripeEndpoints() {
    }

    /** {@code /v1/customers/cus_123/payment_methods} as {@code /v1/customers/{id}/payment_methods}. */
    static String template(String path) {
        StringBuilder template = new StringBuilder();
        for (String segment : SLASHES.split(path == null ? "" : path)) {
            if (!segment.isEmpty()) {
                template.append('/').append(VOCABULARY.contains(segment) ? segment : "{id}");
            }
        }
        return template.isEmpty() ? "/" : template.toString();
    }
}
