package io.billingbridge.stripe;

import static io.billingbridge.stripe.StripeTestKit.PRO_MONTHLY;
import static io.billingbridge.stripe.StripeTestKit.newUser;
import static io.billingbridge.stripe.StripeTestKit.price;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutRequest;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.payment.SubscriptionItemId;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripeErrorTranslationTest {

    private static StripeEmulator emulator;
    private static StripePaymentProvider provider;

    @BeforeAll
    static void start() {
        emulator = StripeTestKit.emulator();
        provider = new StripePaymentProvider(StripeTestKit.settings(emulator).build());
    }

    @AfterEach
    void clearFaults() {
        emulator.clearFaults();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void missingObjectIsNotFound() {
        assertThatThrownBy(() -> provider.fetchSnapshot(new CustomerId("cus_doesnotexist"), Instant.now()))
                .isInstanceOfSatisfying(NotFound.class, e -> assertThat(e.code()).isEqualTo("not_found"));
        assertThatThrownBy(() -> provider.updateSubscriptionQuantity(new SubscriptionId("sub_nope"),
                new SubscriptionItemId("si_nope"), 2, new IdempotencyKey("k-404")))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void rejectedRequestIsInvalidRequestWithStripesCodeButNotItsMessage() {
        Owner owner = newUser();
        CustomerId customer = provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-" + owner.id()));
        CheckoutRequest request = new CheckoutRequest(customer, owner, price(provider, PRO_MONTHLY),
                io.billingbridge.core.payment.CheckoutMode.SUBSCRIPTION, 1,
                URI.create("ftp://evil.example/script"), URI.create("https://app.example/cancel"),
                Optional.empty(), false, false, java.util.Map.of(), new IdempotencyKey("k-bad-url-" + owner.id()));

        assertThatThrownBy(() -> provider.createCheckoutSession(request))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> {
                    assertThat(e.code()).isEqualTo("url_invalid");
                    assertThat(e.param()).contains("success_url");
                    assertThat(e.getMessage()).doesNotContain("evil").doesNotContain("Not a valid URL");
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void badEmailIsInvalidRequestWithoutEchoingIt() {
        Owner owner = newUser();
        assertThatThrownBy(() -> provider.createCustomer(owner, new CustomerProfile(Optional.empty(),
                Optional.of("not-an-email"), java.util.Map.of()), new IdempotencyKey("k-" + owner.id())))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> {
                    assertThat(e.code()).isEqualTo("email_invalid");
                    assertThat(e.getMessage()).doesNotContain("not-an-email");
                });
    }

    @Test
    void rateLimitIsUnavailableWithRequestIdAndRetryHint() {
        emulator.failNextRequests(1, 429);

        assertThatThrownBy(() -> provider.findCustomer(newUser()))
                .isInstanceOfSatisfying(ProviderUnavailable.class, e -> {
                    assertThat(e.provider()).isEqualTo("stripe");
                    assertThat(e.providerRequestId()).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
                    assertThat(e.retryAfter()).isEqualTo(StripeErrors.DEFAULT_RETRY_AFTER);
                });
    }

    @Test
    void serverErrorIsUnavailableWithRequestId() {
        emulator.failNextRequests(1, 500);

        assertThatThrownBy(() -> provider.activePrices())
                .isInstanceOfSatisfying(ProviderUnavailable.class, e -> {
                    assertThat(e.providerRequestId()).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
                    assertThat(e.getMessage()).isEqualTo("stripe is unavailable; try again shortly");
                });
    }

    @Test
    void serverErrorsAreRetriedWithTheSameIdempotencyKey() {
        StripePaymentProvider retrying = new StripePaymentProvider(StripeTestKit.settings(emulator)
                .maxNetworkRetries(2).build());
        Owner owner = newUser();
        emulator.failNextRequests(1, 503);

        CustomerId first = retrying.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-retry-" + owner.id()));

        assertThat(retrying.findCustomer(owner)).contains(first);
        assertThat(retrying.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-retry-" + owner.id()))).isEqualTo(first);
    }

    @Test
    void refusedConnectionIsUnavailableWithoutRequestId() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StripePaymentProvider nowhere = new StripePaymentProvider(StripeTestKit.settings(emulator)
                .apiBase("http://127.0.0.1:" + closedPort).build());

        assertThatThrownBy(() -> nowhere.findCustomer(newUser()))
                .isInstanceOfSatisfying(ProviderUnavailable.class, e -> {
                    assertThat(e.providerRequestId()).isEmpty();
                    assertThat(e.retryAfter()).isPositive();
                });
    }

    @Test
    void slowAnswerTimesOutAsUnavailable() {
        StripePaymentProvider impatient = new StripePaymentProvider(StripeTestKit.settings(emulator)
                .readTimeout(Duration.ofMillis(300)).build());
        emulator.addLatency(Duration.ofMillis(1500), 1);

        assertThatThrownBy(() -> impatient.activePrices()).isInstanceOf(ProviderUnavailable.class);
    }

    @Test
    void aCallInsideARequestGivesUpOnAHungStripeAfterTheRequestTimeoutRetriesIncluded() {
        StripePaymentProvider requests = StripePaymentProvider.providers(StripeTestKit.settings(emulator)
                .readTimeout(Duration.ofSeconds(80)).maxNetworkRetries(2).requestTimeout(Duration.ofSeconds(1))
                .build()).requests();
        emulator.addLatency(Duration.ofSeconds(120), 0);

        long started = System.nanoTime();
        assertThatThrownBy(requests::activePrices).isInstanceOfSatisfying(ProviderUnavailable.class,
                e -> assertThat(e.retryAfter()).isPositive());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("one attempt's timeout, no retry after the limit").isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aCallInsideARequestStillRetriesQuickServerErrors() {
        StripePaymentProvider requests = StripePaymentProvider.providers(StripeTestKit.settings(emulator)
                .maxNetworkRetries(2).requestTimeout(Duration.ofSeconds(5)).build()).requests();
        emulator.failNextRequests(2, 500);

        assertThat(requests.activePrices()).isNotNull();
    }

    @Test
    void backgroundCallsKeepTheConfiguredTimeouts() {
        StripePaymentProvider background = StripePaymentProvider.providers(StripeTestKit.settings(emulator)
                .requestTimeout(Duration.ofMillis(200)).build()).background();
        emulator.addLatency(Duration.ofMillis(600), 1);

        assertThat(background.activePrices()).isNotNull();
    }

    @Test
    void rejectedKeyIsUnavailableAndNeverEchoed() {
        StripePaymentProvider wrongKey = new StripePaymentProvider(StripeSettings.builder("sk_live_wrongkey1234",
                StripeTestKit.WEBHOOK_SECRET).apiBase(emulator.baseUrl()).maxNetworkRetries(0).build());

        assertThatThrownBy(() -> wrongKey.activePrices())
                .isInstanceOfSatisfying(ProviderUnavailable.class, e -> {
                    assertThat(e.providerRequestId()).isPresent();
                    assertThat(e.getCause()).isNull();
                    assertThat(e.getMessage()).doesNotContain("wrongkey");
                });
    }

    @Test
    void retryAfterHeaderIsReadAsSecondsOrDate() {
        assertThat(StripeErrors.parseRetryAfter("7")).contains(Duration.ofSeconds(7));
        assertThat(StripeErrors.parseRetryAfter("0")).contains(Duration.ofSeconds(1));
        assertThat(StripeErrors.parseRetryAfter("99999")).contains(Duration.ofMinutes(10));
        assertThat(StripeErrors.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ofSeconds(1));
        assertThat(StripeErrors.parseRetryAfter("soon")).isEmpty();
    }
}
