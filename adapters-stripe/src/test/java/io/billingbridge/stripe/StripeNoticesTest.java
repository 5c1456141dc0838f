package io.billingbridge.stripe;

import static io.billingbridge.stripe.StripeTestKit.CREDITS_PACK;
import static io.billingbridge.stripe.StripeTestKit.PRO_MONTHLY;
import static io.billingbridge.stripe.StripeTestKit.checkout;
import static io.billingbridge.stripe.StripeTestKit.newUser;
import static io.billingbridge.stripe.StripeTestKit.price;
import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutDetails;
import io.billingbridge.core.payment.CheckoutMode;
import io.billingbridge.core.payment.CheckoutSessionId;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.InvoiceId;
import io.billingbridge.core.payment.InvoiceNotice;
import io.billingbridge.core.payment.PriceId;
import io.billingbridge.core.payment.PurchasedItem;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.payment.TrialNotice;
import io.billingbridge.core.snapshot.Money;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Re-reading the objects of the events the application is told about, through stripe-java, from the emulator. */
class StripeNoticesTest {
    private StripeEmulator emulator;
    private StripePaymentProvider provider;
    private StripeClient stripe;

    @BeforeEach
    void start() {
        emulator = StripeTestKit.emulator();
        provider = new StripePaymentProvider(StripeTestKit.settings(emulator).build());
        stripe = StripePaymentProvider.client(StripeTestKit.settings(emulator).build());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private CustomerId customer(Owner owner) {
        return provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-" + owner.id()));
    }

    private String buy(CustomerId customer, Owner owner, Price price, long quantity, Optional<Integer> trial,
            String card) {
        String session = provider.createCheckoutSession(checkout(customer, owner, price, quantity, trial)).id()
                .value();
        emulator.completeCheckout(session, card);
        return session;
    }

    @Test
    void aCompletedOneTimePurchaseIsReadWithItsLineItems() {
        Owner owner = newUser();
        CustomerId customer = customer(owner);
        Price pack = price(provider, CREDITS_PACK);
        String session = buy(customer, owner, pack, 2, Optional.empty(), StripeTestKit.TEST_CARD);

        Optional<CheckoutDetails> details = provider.checkoutDetails(new CheckoutSessionId(session));

        assertThat(details).hasValueSatisfying(d -> {
            assertThat(d.customer()).contains(customer);
            assertThat(d.mode()).isEqualTo(CheckoutMode.PAYMENT);
            assertThat(d.complete()).isTrue();
            assertThat(d.lineItems()).containsExactly(new PurchasedItem(new PriceId(pack.id()),
                    Optional.of(pack.product().id()), 2, new Money(1000, "usd")));
        });
    }

    @Test
    void anInvoiceWaitingFor3dSecureIsReadWithItsHostedPageAndAttempts() throws Exception {
        Owner owner = newUser();
        CustomerId customer = customer(owner);
        String session = buy(customer, owner, price(provider, PRO_MONTHLY), 1, Optional.empty(), "4000002760003184");
        String subscription = stripe.v1().checkout().sessions().retrieve(session).getSubscription();
        emulator.advanceClock(Duration.ofDays(32));
        String invoice = stripe.v1().subscriptions().retrieve(subscription).getLatestInvoice();

        Optional<InvoiceNotice> notice = provider.invoiceNotice(new InvoiceId(invoice));

        assertThat(notice).hasValueSatisfying(n -> {
            assertThat(n.customer()).contains(customer);
            assertThat(n.amountDue()).isEqualTo(new Money(1900, "usd"));
            assertThat(n.hostedInvoiceUrl()).isPresent();
            assertThat(n.attemptCount()).isEqualTo(1);
            assertThat(n.nextAttempt()).isEmpty();
        });
    }

    @Test
    void aTrialIsReadWithItsPlanAndEnd() throws Exception {
        Owner owner = newUser();
        CustomerId customer = customer(owner);
        String session = buy(customer, owner, price(provider, PRO_MONTHLY), 1, Optional.of(14),
                StripeTestKit.TEST_CARD);
        String subscription = stripe.v1().checkout().sessions().retrieve(session).getSubscription();

        Optional<TrialNotice> trial = provider.trialNotice(new SubscriptionId(subscription));

        assertThat(trial).hasValueSatisfying(t -> {
            assertThat(t.customer()).contains(customer);
            assertThat(t.plan()).contains("Pro");
            assertThat(t.trialEnd()).contains(Instant.ofEpochSecond(emulator.now()).plus(Duration.ofDays(14)));
        });
    }

    @Test
    void objectsStripeDoesNotHaveAreEmpty() {
        assertThat(provider.checkoutDetails(new CheckoutSessionId("cs_test_missing"))).isEmpty();
        assertThat(provider.invoiceNotice(new InvoiceId("in_missing"))).isEmpty();
        assertThat(provider.trialNotice(new SubscriptionId("sub_missing"))).isEmpty();
    }
}
