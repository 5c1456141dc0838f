package io.billingbridge.sandbox.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.ProductCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Helpers shared by the emulator tests: clients, fixtures and bounded waiting. */
final class StripeTestSupport {

    static final String KEY = "sk_test_emulator_conformance";

    private StripeTestSupport() {
    }

    static StripeClient client(StripeEmulator emulator) {
        return client(emulator, 0);
    }

    static StripeClient client(StripeEmulator emulator, int retries) {
        return StripeClient.builder().setApiKey(KEY).setApiBase(emulator.baseUrl()).setMaxNetworkRetries(retries)
                .setReadTimeout(20_000).build();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
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

    static Product product(StripeClient client, String name) throws StripeException {
        return client.v1().products().create(ProductCreateParams.builder().setName(name).build());
    }

    static Price monthly(StripeClient client, String productId, long amount) throws StripeException {
        return client.v1().prices().create(PriceCreateParams.builder().setProduct(productId).setCurrency("usd")
                .setUnitAmount(amount).setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH).build()).build());
    }

    static Price oneTime(StripeClient client, String productId, long amount) throws StripeException {
        return client.v1().prices().create(PriceCreateParams.builder().setProduct(productId).setCurrency("usd")
                .setUnitAmount(amount).build());
    }

    static Customer customer(StripeClient client, String email) throws StripeException {
        return client.v1().customers().create(CustomerCreateParams.builder().setEmail(email).setName("Test "
                + email).build());
    }

    static SessionCreateParams.Builder subscriptionCheckout(String priceId, long quantity) {
        return SessionCreateParams.builder().setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(priceId).setQuantity(quantity).build())
                .setSuccessUrl("https://app.example/success?session={CHECKOUT_SESSION_ID}")
                .setCancelUrl("https://app.example/cancel");
    }
}
