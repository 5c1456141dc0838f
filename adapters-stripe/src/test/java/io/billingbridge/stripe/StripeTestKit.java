package io.billingbridge.stripe;

import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutMode;
import io.billingbridge.core.payment.CheckoutRequest;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import io.billingbridge.sandbox.stripe.StripeEmulatorConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Shared fixtures for the adapter tests: an emulator with a seeded catalog, settings, and bounded waiting. */
final class StripeTestKit {

    static final String KEY = "sk_test_billing_bridge_adapter";
    static final String WEBHOOK_SECRET = "whsec_adapter_tests_0123456789";
    static final String PRO_MONTHLY = "pro_monthly";
    static final String CREDITS_PACK = "credits_pack";
    static final String PRO_FEATURE = "pro_features";
    static final String TEST_CARD = "4242424242424242";

    private StripeTestKit() {
    }

    /** An emulator seeded with a monthly "Pro" plan (with a feature) and a one-time "Credits" pack. */
    static StripeEmulator emulator() {
        return StripeEmulator.start(StripeEmulatorConfig.builder()
                .threads(4)
                .seedProduct(new StripeEmulatorConfig.SeedProduct("Pro", "Pro plan",
                        Map.of("billing_bridge_owner_types", "user,organization"), List.of(PRO_FEATURE),
                        List.of(new StripeEmulatorConfig.SeedPrice(PRO_MONTHLY, 1900, "usd", "month",
                                Map.of("seats", "true")))))
                .seedProduct(new StripeEmulatorConfig.SeedProduct("Credits", null, Map.of(), List.of(),
                        List.of(new StripeEmulatorConfig.SeedPrice(CREDITS_PACK, 500, "usd", null, Map.of()))))
                .build());
    }

    /** Settings for the emulator: fast timeouts, no retries unless asked, a generous budget. */
    static StripeSettings.Builder settings(StripeEmulator emulator) {
        return StripeSettings.builder(KEY, WEBHOOK_SECRET).apiBase(emulator.baseUrl())
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(10))
                .maxNetworkRetries(0).opsPerSecond(1000);
    }

    static Owner newUser() {
        return Owner.user("user_" + UUID.randomUUID().toString().replace("-", ""));
    }

    static Owner newOrganization() {
        return Owner.organization("org_" + UUID.randomUUID().toString().replace("-", ""));
    }

    static CustomerProfile profile(String name, String email) {
        return new CustomerProfile(Optional.of(name), Optional.of(email), Map.of("plan_source", "tests"));
    }

    static Price price(StripePaymentProvider provider, String lookupKey) {
        return provider.activePrices().stream().filter(p -> p.lookupKey().equals(Optional.of(lookupKey)))
                .findFirst().orElseThrow(() -> new AssertionError("no price " + lookupKey));
    }

    static CheckoutRequest checkout(io.billingbridge.core.account.CustomerId customer, Owner owner, Price price,
            long quantity, Optional<Integer> trialDays) {
        return new CheckoutRequest(customer, owner, price,
                price.isRecurring() ? CheckoutMode.SUBSCRIPTION : CheckoutMode.PAYMENT, quantity,
                URI.create("https://app.example/billing/success?session=%7BCHECKOUT_SESSION_ID%7D"),
                URI.create("https://app.example/billing"), trialDays, false, true,
                Map.of("billing_bridge_initiated_by", "user_admin"), IdempotencyKey.fresh("checkout"));
    }

    /** Polls until the condition holds, failing after the timeout. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
