package io.billingbridge.stripe;

import static io.billingbridge.stripe.StripeTestKit.CREDITS_PACK;
import static io.billingbridge.stripe.StripeTestKit.PRO_FEATURE;
import static io.billingbridge.stripe.StripeTestKit.PRO_MONTHLY;
import static io.billingbridge.stripe.StripeTestKit.TEST_CARD;
import static io.billingbridge.stripe.StripeTestKit.checkout;
import static io.billingbridge.stripe.StripeTestKit.newOrganization;
import static io.billingbridge.stripe.StripeTestKit.newUser;
import static io.billingbridge.stripe.StripeTestKit.price;
import static io.billingbridge.stripe.StripeTestKit.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Subscription;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.ProductCreateParams;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutSession;
import io.billingbridge.core.payment.CheckoutSessionId;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PortalSession;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.payment.SubscriptionItemId;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.InvoiceView;
import io.billingbridge.core.snapshot.PaymentMethodView;
import io.billingbridge.core.snapshot.PaymentView;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripePaymentProviderTest {

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

    @Test
    void createsCustomerWithOwnerMetadataAndProfile() throws StripeException {
        Owner owner = newUser();
        CustomerId id = provider.createCustomer(owner, profile("Ada Lovelace", "ada@example.com"), new IdempotencyKey("key-" + owner.id()));

        Customer customer = stripe.v1().customers().retrieve(id.value());
        assertThat(customer.getName()).isEqualTo("Ada Lovelace");
        assertThat(customer.getEmail()).isEqualTo("ada@example.com");
        assertThat(customer.getMetadata()).containsEntry("clerk_owner_type", "user")
                .containsEntry("clerk_owner_id", owner.id()).containsEntry("plan_source", "tests");
    }

    @Test
    void sameIdempotencyKeyMakesOneCustomer() {
        Owner owner = newOrganization();
        IdempotencyKey key = new IdempotencyKey("billing-bridge-customer-" + owner.key());
        CustomerId first = provider.createCustomer(owner, profile("Acme", "billing@acme.example"), key);
        CustomerId second = provider.createCustomer(owner, profile("Acme", "billing@acme.example"), key);

        assertThat(second).isEqualTo(first);
        assertThat(provider.findCustomer(owner)).contains(first);
    }

    @Test
    void concurrentCreatesWithOneKeyMakeOneCustomer() throws Exception {
        StripePaymentProvider retrying = new StripePaymentProvider(StripeTestKit.settings(emulator)
                .maxNetworkRetries(3).build());
        Owner owner = newOrganization();
        IdempotencyKey key = new IdempotencyKey("billing-bridge-customer-" + owner.key());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CustomerId>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> retrying.createCustomer(owner, profile("Acme", "a@acme.example"), key)));
            }
            Set<CustomerId> ids = new HashSet<>();
            for (Future<CustomerId> result : results) {
                ids.add(result.get(30, TimeUnit.SECONDS));
            }
            assertThat(ids).hasSize(1);
            assertThat(stripe.v1().customers().search(CustomerSearchParams.builder()
                    .setQuery("metadata['clerk_owner_id']:'" + owner.id() + "'").build()).getData()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sameKeyWithOtherParametersIsConflict() {
        Owner owner = newUser();
        IdempotencyKey key = new IdempotencyKey("k-" + owner.id());
        provider.createCustomer(owner, profile("First", "first@example.com"), key);

        assertThatThrownBy(() -> provider.createCustomer(owner, profile("Second", "second@example.com"), key))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.code()).isEqualTo("idempotency_conflict"));
    }

    @Test
    void searchFindsAnOrphanCustomerByOwnerMetadataOnly() throws StripeException {
        Owner owner = newUser();
        Owner other = newUser();
        Customer orphan = stripe.v1().customers().create(CustomerCreateParams.builder()
                .putMetadata("clerk_owner_type", "user").putMetadata("clerk_owner_id", owner.id()).build());
        stripe.v1().customers().create(CustomerCreateParams.builder()
                .putMetadata("clerk_owner_type", "organization").putMetadata("clerk_owner_id", owner.id()).build());

        assertThat(provider.findCustomer(owner)).contains(new CustomerId(orphan.getId()));
        assertThat(provider.findCustomer(other)).isEmpty();
    }

    @Test
    void searchQuotesAreEscaped() {
        assertThat(StripePaymentProvider.quote("it's a \\ test")).isEqualTo("it\\'s a \\\\ test");
    }

    @Test
    void updatesNameEmailAndMetadataAndClearsWhatTheProfileLacks() throws StripeException {
        Owner owner = newOrganization();
        CustomerId id = provider.createCustomer(owner, profile("Old name", "old@example.com"), new IdempotencyKey("k-" + owner.id()));

        provider.updateCustomer(id, owner, new CustomerProfile(Optional.of("New name"), Optional.empty(),
                Map.of("tier", "gold")));

        Customer customer = stripe.v1().customers().retrieve(id.value());
        assertThat(customer.getName()).isEqualTo("New name");
        assertThat(customer.getEmail()).isNull();
        assertThat(customer.getMetadata()).containsEntry("tier", "gold").containsEntry("clerk_owner_id", owner.id());
    }

    @Test
    void deletesCustomerOnceAndToleratesDeletingAgain() throws StripeException {
        Owner owner = newUser();
        CustomerId id = provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-" + owner.id()));

        provider.deleteCustomer(id);
        provider.deleteCustomer(id);

        assertThat(stripe.v1().customers().retrieve(id.value()).getDeleted()).isTrue();
        assertThatThrownBy(() -> provider.fetchSnapshot(id, Instant.now())).isInstanceOf(NotFound.class);
    }

    @Test
    void aDeletedCustomerHasNoMetadataIsNotFoundBySearchAndIsReplayedForItsOldKeyOnly() {
        Owner owner = newUser();
        IdempotencyKey key = new IdempotencyKey("billing-bridge-customer-" + owner.key());
        CustomerId dead = provider.createCustomer(owner, CustomerProfile.empty(), key);
        assertThat(provider.customerMetadata(dead)).hasValueSatisfying(m -> assertThat(m)
                .containsEntry("clerk_owner_type", "user").containsEntry("clerk_owner_id", owner.id()));

        provider.deleteCustomer(dead);

        assertThat(provider.customerMetadata(dead)).isEmpty();
        assertThat(provider.findCustomer(owner)).isEmpty();
        assertThat(provider.createCustomer(owner, CustomerProfile.empty(), key)).as("Stripe replays the old key")
                .isEqualTo(dead);
        CustomerId next = provider.createCustomer(owner, CustomerProfile.empty(),
                new IdempotencyKey(key.value() + "-g1"));
        assertThat(next).isNotEqualTo(dead);
        assertThat(provider.findCustomer(owner)).contains(next);
    }

    @Test
    void aCustomerThatNeverExistedHasNoMetadata() {
        assertThat(provider.customerMetadata(new CustomerId("cus_neverexisted"))).isEmpty();
    }

    @Test
    void readsEveryPageOfActivePricesWithTheirProducts() throws StripeException {
        String product = stripe.v1().products().create(ProductCreateParams.builder().setName("Bulk")
                .putMetadata("kind", "bulk").build()).getId();
        for (int i = 0; i < 101; i++) {
            stripe.v1().prices().create(PriceCreateParams.builder().setProduct(product).setCurrency("eur")
                    .setUnitAmount(100L + i).build());
        }
        String inactive = stripe.v1().prices().create(PriceCreateParams.builder().setProduct(product)
                .setCurrency("eur").setUnitAmount(1L).setActive(false).build()).getId();

        List<Price> prices = provider.activePrices();

        assertThat(prices.stream().filter(p -> p.product().id().equals(product))).hasSize(101)
                .allSatisfy(p -> {
                    assertThat(p.product().name()).isEqualTo("Bulk");
                    assertThat(p.product().metadata()).containsEntry("kind", "bulk");
                    assertThat(p.isRecurring()).isFalse();
                });
        assertThat(prices).extracting(Price::id).doesNotContain(inactive);
        Price pro = price(provider, PRO_MONTHLY);
        assertThat(pro.product().name()).isEqualTo("Pro");
        assertThat(pro.unitAmount()).contains(1900L);
        assertThat(pro.currency()).isEqualTo("usd");
        assertThat(pro.recurring()).contains(Price.Recurring.licensed("month", 1));
        assertThat(pro.metadata()).containsEntry("seats", "true");
        assertThat(pro.setting("billing_bridge_owner_types")).contains("user,organization");
    }

    @Test
    void subscriptionCheckoutCarriesOwnerMetadataTrialAndIdempotencyKey() throws StripeException {
        Owner owner = newOrganization();
        CustomerId customer = provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-" + owner.id()));
        var request = checkout(customer, owner, price(provider, PRO_MONTHLY), 3, Optional.of(14));

        CheckoutSession session = provider.createCheckoutSession(request);
        CheckoutSession again = provider.createCheckoutSession(request);

        assertThat(again.id()).isEqualTo(session.id());
        assertThat(session.url()).isPresent();
        assertThat(session.customer()).contains(customer);
        assertThat(session.clientReferenceId()).contains(owner.id());
        assertThat(session.status()).isEqualTo("open");
        assertThat(session.metadata()).containsEntry("clerk_owner_type", "organization")
                .containsEntry("clerk_owner_id", owner.id()).containsEntry("billing_bridge_initiated_by", "user_admin");

        String redirect = emulator.completeCheckout(session.id().value(), TEST_CARD);
        assertThat(redirect).isEqualTo("https://app.example/billing/success?session=" + session.id());
        BillingSnapshot snapshot = provider.fetchSnapshot(customer, Instant.now());
        SubscriptionView subscription = snapshot.subscriptions().get(0);
        assertThat(subscription.status()).isEqualTo("trialing");
        assertThat(subscription.trialEnd()).isPresent();
        assertThat(subscription.items().get(0).quantity()).isEqualTo(3);
        Subscription stored = stripe.v1().subscriptions().retrieve(subscription.id());
        assertThat(stored.getMetadata()).containsEntry("clerk_owner_id", owner.id());
        assertThat(provider.checkoutSession(session.id()).status()).isEqualTo("complete");
        assertThat(provider.checkoutSession(session.id()).url()).isEmpty();
    }

    @Test
    void paymentCheckoutPutsOwnerMetadataOnThePaymentIntentAndPassesTaxAndPromotionFlags() throws StripeException {
        Owner owner = newUser();
        CustomerId customer = provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-" + owner.id()));
        Price credits = price(provider, CREDITS_PACK);
        var base = checkout(customer, owner, credits, 1, Optional.empty());
        var request = new io.billingbridge.core.payment.CheckoutRequest(base.customer(), owner, credits,
                io.billingbridge.core.payment.CheckoutMode.PAYMENT, 1, base.successUrl(), base.cancelUrl(),
                Optional.empty(), true, true, Map.of(), new IdempotencyKey("k-pay-" + owner.id()));

        CheckoutSession session = provider.createCheckoutSession(request);

        com.stripe.model.checkout.Session stored = stripe.v1().checkout().sessions().retrieve(session.id().value());
        assertThat(stored.getMode()).isEqualTo("payment");
        assertThat(stored.getAutomaticTax().getEnabled()).isTrue();
        assertThat(stored.getAllowPromotionCodes()).isTrue();
        emulator.completeCheckout(session.id().value(), TEST_CARD);
        String intent = stripe.v1().checkout().sessions().retrieve(session.id().value()).getPaymentIntent();
        assertThat(stripe.v1().paymentIntents().retrieve(intent).getMetadata())
                .containsEntry("clerk_owner_type", "user").containsEntry("clerk_owner_id", owner.id());
        assertThat(provider.fetchSnapshot(customer, Instant.now()).payments()).extracting(PaymentView::id)
                .containsExactly(intent);
    }

    @Test
    void missingCheckoutSessionIsNotFound() {
        assertThatThrownBy(() -> provider.checkoutSession(new CheckoutSessionId("cs_test_doesnotexist"))).isInstanceOf(NotFound.class);
    }

    @Test
    void snapshotAfterSubscriptionAndOneTimePurchaseHoldsTheWholeState() {
        Owner owner = newUser();
        CustomerId customer = provider.createCustomer(owner, profile("Grace", "grace@example.com"), new IdempotencyKey("k-" + owner.id()));
        Price pro = price(provider, PRO_MONTHLY);
        Price credits = price(provider, CREDITS_PACK);
        emulator.completeCheckout(provider.createCheckoutSession(checkout(customer, owner, pro, 1, Optional.empty()))
                .id().value(), TEST_CARD);
        emulator.completeCheckout(provider.createCheckoutSession(checkout(customer, owner, credits, 2,
                Optional.empty())).id().value(), TEST_CARD);
        Instant now = Instant.parse("2030-01-01T00:00:00Z");

        BillingSnapshot snapshot = provider.fetchSnapshot(customer, now);

        assertThat(snapshot.customerId()).isEqualTo(customer);
        assertThat(snapshot.syncedAt()).isEqualTo(now);
        assertThat(snapshot.subscriptions()).hasSize(1);
        SubscriptionView subscription = snapshot.subscriptions().get(0);
        assertThat(subscription.status()).isEqualTo("active");
        assertThat(subscription.isLive()).isTrue();
        assertThat(subscription.cancelAtPeriodEnd()).isFalse();
        SubscriptionItemView item = subscription.items().get(0);
        assertThat(item.priceId()).isEqualTo(pro.id());
        assertThat(item.lookupKey()).contains(PRO_MONTHLY);
        assertThat(item.productId()).isEqualTo(pro.product().id());
        assertThat(item.productName()).isEqualTo("Pro");
        assertThat(item.quantity()).isEqualTo(1);
        assertThat(item.unitAmount()).contains(new io.billingbridge.core.snapshot.Money(1900, "usd"));
        assertThat(item.interval()).contains("month");
        assertThat(item.currentPeriodStart()).isPresent();
        assertThat(item.currentPeriodEnd().orElseThrow()).isAfter(item.currentPeriodStart().orElseThrow());

        assertThat(snapshot.invoices()).hasSize(1);
        InvoiceView invoice = snapshot.invoices().get(0);
        assertThat(invoice.status()).isEqualTo("paid");
        assertThat(invoice.total().amount()).isEqualTo(1900);
        assertThat(invoice.amountPaid().amount()).isEqualTo(1900);
        assertThat(invoice.number()).isPresent();
        assertThat(invoice.hostedInvoiceUrl()).isPresent();
        assertThat(invoice.subscriptionId()).contains(subscription.id());

        assertThat(snapshot.payments()).hasSize(1);
        PaymentView payment = snapshot.payments().get(0);
        assertThat(payment.id()).startsWith("pi_");
        assertThat(payment.amount()).isEqualTo(new io.billingbridge.core.snapshot.Money(1000, "usd"));
        assertThat(payment.status()).isEqualTo("succeeded");

        assertThat(snapshot.paymentMethods()).hasSize(1);
        PaymentMethodView card = snapshot.paymentMethods().get(0);
        assertThat(card.type()).isEqualTo("card");
        assertThat(card.brand()).contains("visa");
        assertThat(card.last4()).contains("4242");
        assertThat(card.expMonth()).isPresent();
        assertThat(card.expYear()).isPresent();
        assertThat(card.isDefault()).isTrue();

        assertThat(snapshot.entitlementKeys()).containsExactly(PRO_FEATURE);
        assertThat(provider.fetchSnapshot(customer, now.plusSeconds(60)).sameStateAs(snapshot)).isTrue();
    }

    @Test
    void snapshotOfNewCustomerIsEmpty() {
        Owner owner = newUser();
        CustomerId customer = provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-" + owner.id()));

        BillingSnapshot snapshot = provider.fetchSnapshot(customer, Instant.now());

        assertThat(snapshot.subscriptions()).isEmpty();
        assertThat(snapshot.invoices()).isEmpty();
        assertThat(snapshot.payments()).isEmpty();
        assertThat(snapshot.paymentMethods()).isEmpty();
        assertThat(snapshot.entitlements()).isEmpty();
    }

    @Test
    void updatesSeatQuantityIdempotently() {
        Owner owner = newOrganization();
        CustomerId customer = provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-" + owner.id()));
        emulator.completeCheckout(provider.createCheckoutSession(checkout(customer, owner,
                price(provider, PRO_MONTHLY), 2, Optional.empty())).id().value(), TEST_CARD);
        SubscriptionView subscription = provider.fetchSnapshot(customer, Instant.now()).subscriptions().get(0);
        IdempotencyKey key = IdempotencyKey.fresh("seats");

        provider.updateSubscriptionQuantity(new SubscriptionId(subscription.id()),
                new SubscriptionItemId(subscription.items().get(0).id()), 5, key);
        provider.updateSubscriptionQuantity(new SubscriptionId(subscription.id()),
                new SubscriptionItemId(subscription.items().get(0).id()), 5, key);

        assertThat(provider.fetchSnapshot(customer, Instant.now()).subscriptions().get(0).items().get(0).quantity())
                .isEqualTo(5);
    }

    @Test
    void ownedCustomersReadsEveryPageAndKeepsLiveCustomersThatNameAnOwner() throws StripeException {
        Owner user = newUser();
        Owner organization = newOrganization();
        CustomerId first = provider.createCustomer(user, CustomerProfile.empty(), new IdempotencyKey("o1-" + user.id()));
        CustomerId second = provider.createCustomer(organization, CustomerProfile.empty(),
                new IdempotencyKey("o2-" + organization.id()));
        CustomerId deleted = provider.createCustomer(newUser(), CustomerProfile.empty(),
                new IdempotencyKey("o3-" + user.id()));
        provider.deleteCustomer(deleted);
        String malformed = stripe.v1().customers().create(CustomerCreateParams.builder()
                .putMetadata("clerk_owner_type", "team").putMetadata("clerk_owner_id", "team_1").build()).getId();
        for (int i = 0; i < 101; i++) {
            stripe.v1().customers().create(CustomerCreateParams.builder().setName("Not ours " + i).build());
        }

        Map<CustomerId, Owner> owned = new java.util.HashMap<>();
        int scanned = 0;
        int pages = 0;
        Optional<CustomerId> after = Optional.empty();
        do {
            io.billingbridge.core.payment.OwnedCustomerPage page = provider.ownedCustomers(after);
            page.owned().forEach(c -> owned.put(c.customer(), c.owner()));
            scanned += page.scanned();
            pages++;
            after = page.next();
        } while (after.isPresent());

        assertThat(pages).isGreaterThan(1);
        assertThat(scanned).isGreaterThanOrEqualTo(105);
        assertThat(owned).containsEntry(first, user).containsEntry(second, organization).doesNotContainKey(deleted)
                .doesNotContainKey(new CustomerId(malformed));
    }

    @Test
    void aCustomerHasALiveSubscriptionUntilItIsCanceled() {
        Owner owner = newUser();
        CustomerId customer = provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("ls-" + owner.id()));
        assertThat(provider.hasLiveSubscription(customer)).isFalse();
        emulator.completeCheckout(provider.createCheckoutSession(checkout(customer, owner,
                price(provider, PRO_MONTHLY), 1, Optional.empty())).id().value(), TEST_CARD);

        assertThat(provider.hasLiveSubscription(customer)).isTrue();

        provider.cancelSubscriptions(customer, false);
        assertThat(provider.hasLiveSubscription(customer)).isFalse();
    }

    @Test
    void cancelsAtPeriodEndThenNow() {
        Owner owner = newUser();
        CustomerId customer = provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-" + owner.id()));
        emulator.completeCheckout(provider.createCheckoutSession(checkout(customer, owner,
                price(provider, PRO_MONTHLY), 1, Optional.empty())).id().value(), TEST_CARD);

        provider.cancelSubscriptions(customer, true);
        SubscriptionView pending = provider.fetchSnapshot(customer, Instant.now()).subscriptions().get(0);
        assertThat(pending.status()).isEqualTo("active");
        assertThat(pending.cancelAtPeriodEnd()).isTrue();

        provider.cancelSubscriptions(customer, false);
        SubscriptionView canceled = provider.fetchSnapshot(customer, Instant.now()).subscriptions().get(0);
        assertThat(canceled.status()).isEqualTo("canceled");
        assertThat(canceled.canceledAt()).isPresent();
        assertThat(provider.fetchSnapshot(customer, Instant.now()).entitlements()).isEmpty();
        provider.cancelSubscriptions(customer, false);
    }

    @Test
    void opensPortalSessionForCustomer() {
        Owner owner = newUser();
        CustomerId customer = provider.createCustomer(owner, CustomerProfile.empty(), new IdempotencyKey("k-" + owner.id()));

        PortalSession session = provider.createPortalSession(customer, URI.create("https://app.example/account"),
                Optional.empty());

        assertThat(session.id()).startsWith("bps_");
        assertThat(session.url().toString()).startsWith(emulator.baseUrl());
    }
}
