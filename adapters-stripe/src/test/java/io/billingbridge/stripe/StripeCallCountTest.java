package io.billingbridge.stripe;

import static io.billingbridge.stripe.StripeTestKit.CREDITS_PACK;
import static io.billingbridge.stripe.StripeTestKit.PRO_MONTHLY;
import static io.billingbridge.stripe.StripeTestKit.TEST_CARD;
import static io.billingbridge.stripe.StripeTestKit.checkout;
import static io.billingbridge.stripe.StripeTestKit.newUser;
import static io.billingbridge.stripe.StripeTestKit.price;
import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import com.stripe.net.StripeResponseStream;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pins the number of Stripe calls per operation, as the benchmark reports them. */
class StripeCallCountTest {

    private static StripeEmulator emulator;
    private static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static StripePaymentProvider provider;

    /** Records each request's method and path, then sends it. */
    private static final class Recording extends HttpClient {
        private final HttpClient delegate = new HttpURLConnectionClient();

        @Override
        public StripeResponse request(StripeRequest request) throws StripeException {
            CALLS.add(request.method() + " " + request.url().getPath());
            return delegate.request(request);
        }

        @Override
        public StripeResponseStream requestStream(StripeRequest request) throws StripeException {
            CALLS.add(request.method() + " " + request.url().getPath());
            return delegate.requestStream(request);
        }
    }

    @BeforeAll
    static void start() {
        emulator = StripeTestKit.emulator();
        provider = new StripePaymentProvider(StripeClient.builder().setApiKey(StripeTestKit.KEY)
                .setApiBase(emulator.baseUrl()).setMaxNetworkRetries(0).setHttpClient(new Recording()).build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void forget() {
        CALLS.clear();
    }

    @Test
    void oneCallEachToFindCreateAndCheckOut() {
        Owner owner = newUser();
        Price pro = price(provider, PRO_MONTHLY);
        CALLS.clear();

        provider.findCustomer(owner);
        CustomerId customer = provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-" + owner.id()));
        provider.createCheckoutSession(checkout(customer, owner, pro, 1, Optional.empty()));

        assertThat(CALLS).containsExactly("GET /v1/customers/search", "POST /v1/customers",
                "POST /v1/checkout/sessions");
    }

    @Test
    void snapshotTakesSixCallsAndSevenWithSubscriptions() {
        Owner owner = newUser();
        CustomerId customer = provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-" + owner.id()));
        CALLS.clear();
        provider.fetchSnapshot(customer, Instant.now());
        assertThat(CALLS).hasSize(6);

        emulator.completeCheckout(provider.createCheckoutSession(checkout(customer, owner,
                price(provider, PRO_MONTHLY), 1, Optional.empty())).id().value(), TEST_CARD);
        emulator.completeCheckout(provider.createCheckoutSession(checkout(customer, owner,
                price(provider, CREDITS_PACK), 1, Optional.empty())).id().value(), TEST_CARD);
        CALLS.clear();
        provider.fetchSnapshot(customer, Instant.now());

        assertThat(CALLS).containsExactly(
                "GET /v1/customers/" + customer.value(),
                "GET /v1/subscriptions",
                "GET /v1/products",
                "GET /v1/invoices",
                "GET /v1/checkout/sessions",
                "GET /v1/payment_methods",
                "GET /v1/entitlements/active_entitlements");
    }
}
