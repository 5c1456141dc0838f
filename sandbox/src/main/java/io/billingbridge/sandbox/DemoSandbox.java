package io.billingbridge.sandbox;

import io.billingbridge.sandbox.clerk.ClerkDevConfig;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import io.billingbridge.sandbox.stripe.StripeEmulatorConfig;
import io.billingbridge.sandbox.stripe.StripeEmulatorConfig.SeedPrice;
import io.billingbridge.sandbox.stripe.StripeEmulatorConfig.SeedProduct;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local Stripe emulator and Clerk dev instance, seeded with a small catalog and demo people, with the keys and
 * signing secrets Billing Bridge needs to use them. Used by the demo and by the server's system tests.
 */
public final class DemoSandbox implements AutoCloseable {
    /** The key the emulator accepts and the server uses. */
    public static final String STRIPE_KEY = "sk_test_billingbridge_demo";
    /** The signing secret of the server's Stripe webhook endpoint. */
    public static final String STRIPE_WEBHOOK_SECRET = "whsec_billingbridge_demo_stripe";

    private final StripeEmulator stripe;
    private final ClerkDevInstance clerk;
    private final String appBaseUrl;

    private DemoSandbox(StripeEmulator stripe, ClerkDevInstance clerk, String appBaseUrl) {
        this.stripe = stripe;
        this.clerk = clerk;
        this.appBaseUrl = appBaseUrl;
    }

    /**
     * Starts both stand-ins.
     *
     * @param stripePort 12111 for the demo, 0 for any free port
     * @param clerkPort 12112 for the demo, 0 for any free port
     * @param appBaseUrl where Billing Bridge serves, for webhook delivery (e.g. {@code http://127.0.0.1:8080}), and
     *     the {@code azp} of session tokens signed in without a browser origin
     */
    public static DemoSandbox start(int stripePort, int clerkPort, String appBaseUrl) {
        StripeEmulatorConfig.Builder stripeConfig = StripeEmulatorConfig.builder()
                .port(stripePort)
                .secretKeys(Set.of(STRIPE_KEY))
                .webhookEndpoint(appBaseUrl + "/v1/webhooks/stripe", STRIPE_WEBHOOK_SECRET);
        for (SeedProduct product : catalog()) {
            stripeConfig.seedProduct(product);
        }
        StripeEmulator stripe = StripeEmulator.start(stripeConfig.build());
        try {
            ClerkDevInstance clerk = ClerkDevInstance.start(ClerkDevConfig.builder()
                    .port(clerkPort)
                    .webhook(URI.create(appBaseUrl + "/v1/webhooks/clerk"), ClerkDevConfig.DEFAULT_WEBHOOK_SECRET)
                    .authorizedParty(appBaseUrl)
                    .build());
            return new DemoSandbox(stripe, clerk, appBaseUrl);
        } catch (RuntimeException e) {
            stripe.close();
            throw e;
        }
    }

    /** The demo catalog: a plan for users, a seat plan for organizations, and a one-time purchase for both. */
    public static List<SeedProduct> catalog() {
        return List.of(
                new SeedProduct("Pro", "For one person", Map.of("billing_bridge_owner_types", "user"),
                        List.of("pro_features"),
                        List.of(new SeedPrice("pro_monthly", 1200, "usd", "month", Map.of()),
                                new SeedPrice("pro_yearly", 12000, "usd", "year", Map.of()))),
                new SeedProduct("Team", "Per seat, for organizations",
                        Map.of("billing_bridge_owner_types", "organization", "billing_bridge_quantity", "seats"),
                        List.of("team_features", "pro_features"),
                        List.of(new SeedPrice("team_monthly", 800, "usd", "month",
                                Map.of("billing_bridge_trial_days", "14")))),
                new SeedProduct("Credit pack", "100 credits, bought once",
                        Map.of("billing_bridge_owner_types", "user,organization", "billing_bridge_quantity", "1..10"),
                        List.of(),
                        List.of(new SeedPrice("credits_100", 500, "usd", null, Map.of()))));
    }

    /** The {@code azp} of session tokens signed in without a browser origin: the app's base URL. */
    public String authorizedParty() {
        return appBaseUrl;
    }

    public StripeEmulator stripe() {
        return stripe;
    }

    public ClerkDevInstance clerk() {
        return clerk;
    }

    @Override
    public void close() {
        try {
            clerk.close();
        } finally {
            stripe.close();
        }
    }
}
