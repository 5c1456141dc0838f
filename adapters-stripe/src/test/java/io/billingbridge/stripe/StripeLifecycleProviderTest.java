package io.billingbridge.stripe;

import static io.billingbridge.stripe.StripeTestKit.TEST_CARD;
import static io.billingbridge.stripe.StripeTestKit.checkout;
import static io.billingbridge.stripe.StripeTestKit.newUser;
import static io.billingbridge.stripe.StripeTestKit.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.model.Subscription;
import com.stripe.model.billingportal.Configuration;
import com.stripe.param.SubscriptionUpdateParams;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.payment.CancellationReason;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PortalConfigurationId;
import io.billingbridge.core.payment.PortalConfigurationSpec;
import io.billingbridge.core.payment.PortalFlow;
import io.billingbridge.core.payment.PortalSession;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.PaymentView;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cancel, resume, the richer snapshot, portal flows and portal configurations, against the emulator. */
class StripeLifecycleProviderTest {

    private static StripeEmulator emulator;
    private static StripePaymentProvider provider;
    private static StripeClient stripe;

    @BeforeAll
    static void start() {
        emulator = StripeTestKit.emulator();
        StripeSettings settings = StripeTestKit.settings(emulator).build();
        provider = new StripePaymentProvider(settings);
        stripe = StripePaymentProvider.client(settings);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private record Bought(CustomerId customer, SubscriptionId subscription) {
    }

    private static Bought subscribe() {
        Owner owner = newUser();
        CustomerId customer = provider.createCustomer(owner, profile("Ada", "ada@example.com"),
                IdempotencyKey.fresh("customer"));
        Price pro = StripeTestKit.price(provider, StripeTestKit.PRO_MONTHLY);
        emulator.completeCheckout(provider.createCheckoutSession(checkout(customer, owner, pro, 1, Optional.empty()))
                .id().value(), TEST_CARD);
        String id = provider.fetchSnapshot(customer, Instant.now()).subscriptions().get(0).id();
        return new Bought(customer, new SubscriptionId(id));
    }

    private static SubscriptionView only(CustomerId customer) {
        return provider.fetchSnapshot(customer, Instant.now()).subscriptions().get(0);
    }

    @Test
    void theSnapshotShowsThePeriodTheLatestInvoiceAndAScheduledCancellation() throws Exception {
        Bought bought = subscribe();
        SubscriptionView fresh = only(bought.customer());
        assertThat(fresh.currentPeriodStart()).isPresent();
        assertThat(fresh.currentPeriodEnd()).isEqualTo(fresh.items().get(0).currentPeriodEnd());
        assertThat(fresh.cancelAt()).isEmpty();
        assertThat(fresh.latestInvoice()).hasValueSatisfying(invoice -> {
            assertThat(invoice.status()).isEqualTo("paid");
            assertThat(invoice.amountDue().amount()).isEqualTo(1900);
            assertThat(invoice.hostedInvoiceUrl()).isPresent();
            assertThat(invoice.dueSince()).isPresent();
        });

        provider.cancelSubscriptionAtPeriodEnd(bought.subscription(),
                Optional.of(new CancellationReason("too_expensive")), IdempotencyKey.fresh("cancel"));
        SubscriptionView canceling = only(bought.customer());
        assertThat(canceling.cancelAtPeriodEnd()).isTrue();
        assertThat(canceling.cancelAt()).isEqualTo(fresh.currentPeriodEnd());
        Subscription stored = stripe.v1().subscriptions().retrieve(bought.subscription().value());
        assertThat(stored.getCancellationDetails().getFeedback()).isEqualTo("too_expensive");

        provider.withdrawCancellation(bought.subscription(), IdempotencyKey.fresh("uncancel"));
        assertThat(only(bought.customer()).cancelScheduled()).isFalse();
    }

    @Test
    void aCancelAtTimeIsWithdrawnToo() throws Exception {
        Bought bought = subscribe();
        stripe.v1().subscriptions().update(bought.subscription().value(), SubscriptionUpdateParams.builder()
                .setCancelAt(emulator.now() + 86_400).build());
        assertThat(only(bought.customer()).cancelAt()).isPresent();
        provider.withdrawCancellation(bought.subscription(), IdempotencyKey.fresh("uncancel"));
        assertThat(only(bought.customer()).cancelAt()).isEmpty();
    }

    @Test
    void cancelNowEndsItWithTheCommentAndPausedCollectionShowsInTheSnapshot() throws Exception {
        Bought paused = subscribe();
        stripe.v1().subscriptions().update(paused.subscription().value(), SubscriptionUpdateParams.builder()
                .setPauseCollection(SubscriptionUpdateParams.PauseCollection.builder()
                        .setBehavior(SubscriptionUpdateParams.PauseCollection.Behavior.VOID).build()).build());
        assertThat(only(paused.customer()).pauseCollection()).hasValueSatisfying(p -> {
            assertThat(p.behavior()).isEqualTo("void");
            assertThat(p.resumesAt()).isEmpty();
        });

        Bought bought = subscribe();
        provider.cancelSubscriptionNow(bought.subscription(), Optional.of(new CancellationReason("moving on")),
                IdempotencyKey.fresh("cancel"));
        assertThat(only(bought.customer()).status()).isEqualTo("canceled");
        assertThat(stripe.v1().subscriptions().retrieve(bought.subscription().value()).getCancellationDetails()
                .getComment()).isEqualTo("moving on");
    }

    @Test
    void resumingASubscriptionThatIsNotPausedIsRefused() {
        Bought bought = subscribe();
        assertThatThrownBy(() -> provider.resumePausedSubscription(bought.subscription(),
                IdempotencyKey.fresh("resume"))).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void aOneTimePurchaseListsWhatWasBought() {
        Owner owner = newUser();
        CustomerId customer = provider.createCustomer(owner, profile("Ada", "ada@example.com"),
                IdempotencyKey.fresh("customer"));
        Price credits = StripeTestKit.price(provider, StripeTestKit.CREDITS_PACK);
        emulator.completeCheckout(provider.createCheckoutSession(checkout(customer, owner, credits, 3,
                Optional.empty())).id().value(), TEST_CARD);
        BillingSnapshot snapshot = provider.fetchSnapshot(customer, Instant.now());
        assertThat(snapshot.payments()).singleElement().satisfies((PaymentView payment) -> {
            assertThat(payment.description()).contains("Credits");
            assertThat(payment.lineItems()).singleElement().satisfies(item -> {
                assertThat(item.description()).isEqualTo("Credits");
                assertThat(item.quantity()).isEqualTo(3);
                assertThat(item.amount().amount()).isEqualTo(1500);
            });
        });
    }

    @Test
    void portalConfigurationIsCreatedFoundByMetadataAndUpdatedInPlace() throws Exception {
        Price pro = StripeTestKit.price(provider, StripeTestKit.PRO_MONTHLY);
        PortalConfigurationSpec spec = new PortalConfigurationSpec(OwnerType.ORGANIZATION,
                Map.of(pro.product().id(), List.of(pro.id())));
        PortalConfigurationId created = provider.savePortalConfiguration(spec, Optional.empty(),
                new IdempotencyKey("portal-configuration-test-" + spec.fingerprint()));
        assertThat(provider.findPortalConfiguration(OwnerType.ORGANIZATION)).hasValueSatisfying(found -> {
            assertThat(found.id()).isEqualTo(created);
            assertThat(found.fingerprint()).contains(spec.fingerprint());
        });
        Configuration stored = stripe.v1().billingPortal().configurations().retrieve(created.value());
        assertThat(stored.getFeatures().getSubscriptionUpdate().getProducts()).singleElement()
                .satisfies(p -> assertThat(p.getPrices()).containsExactly(pro.id()));
        assertThat(stored.getFeatures().getSubscriptionCancel().getMode()).isEqualTo("at_period_end");
        assertThat(stored.getFeatures().getCustomerUpdate().getEnabled()).isFalse();

        PortalConfigurationSpec none = new PortalConfigurationSpec(OwnerType.ORGANIZATION, Map.of());
        assertThat(provider.savePortalConfiguration(none, Optional.of(created), IdempotencyKey.fresh("update")))
                .isEqualTo(created);
        assertThat(stripe.v1().billingPortal().configurations().retrieve(created.value()).getFeatures()
                .getSubscriptionUpdate().getEnabled()).isFalse();
    }

    @Test
    void aPortalFlowOpensOnItsStepAndReturnsToTheApplication() throws Exception {
        Bought bought = subscribe();
        PortalSession session = provider.createPortalSession(bought.customer(), URI.create("https://app.example/b"),
                Optional.empty(), Optional.of(new PortalFlow(PortalFlow.Type.SUBSCRIPTION_CANCEL,
                        Optional.of(bought.subscription()))));
        String page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                session.url()).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("data-flow=\"subscription_cancel\"").contains(bought.subscription().value());
        assertThat(session.url().toString()).contains(session.id());
    }
}
