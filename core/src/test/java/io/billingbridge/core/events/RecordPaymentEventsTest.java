package io.billingbridge.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutDetails;
import io.billingbridge.core.payment.CheckoutMode;
import io.billingbridge.core.payment.CheckoutSessionId;
import io.billingbridge.core.payment.InvoiceId;
import io.billingbridge.core.payment.InvoiceNotice;
import io.billingbridge.core.payment.PriceId;
import io.billingbridge.core.payment.PurchasedItem;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.payment.TrialNotice;
import io.billingbridge.core.snapshot.Money;
import io.billingbridge.core.testing.BillingWorld;
import io.billingbridge.core.testing.InMemoryEventOutbox;
import io.billingbridge.core.webhook.ProcessWebhookEvent;
import io.billingbridge.core.webhook.WebhookWork;
import io.billingbridge.core.webhook.WebhookWorkerTestAccess;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordPaymentEventsTest {
    private static final SigningSecret SECRET = SigningSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final EventEndpoint ALL = new EventEndpoint(URI.create("https://app.test/all"), SECRET,
            Set.of(EventType.values()));
    private static final EventEndpoint PLANS_ONLY = new EventEndpoint(URI.create("https://app.test/plans"), SECRET,
            Set.of(EventType.BILLING_UPDATED));
    private static final CheckoutSessionId SESSION = new CheckoutSessionId("cs_test_a1");
    private static final InvoiceId INVOICE = new InvoiceId("in_1");
    private static final CustomerId STRANGER = new CustomerId("cus_stranger");

    private final BillingWorld world = new BillingWorld();
    private final InMemoryEventOutbox outbox = new InMemoryEventOutbox();
    private final AtomicInteger wakes = new AtomicInteger();
    private final ProcessWebhookEvent processor = WebhookWorkerTestAccess.processor(world,
            new AppEvents(outbox, List.of(ALL, PLANS_ONLY), world.clock, wakes::incrementAndGet));

    private CustomerId customerOf(Owner owner) {
        world.directory.user("user_alice", "Alice", null).organization("org_acme", "Acme", "user_alice");
        return world.ensureCustomer.ensure(owner).customerId().orElseThrow();
    }

    @Test
    void aCompletedCheckoutOfOurCustomerIsRecordedWithItsLineItemsForSubscribedEndpointsOnly() {
        CustomerId customer = customerOf(Owner.user("user_alice"));
        world.payments.checkoutDetails.put(SESSION, new CheckoutDetails(SESSION, Optional.of(customer),
                CheckoutMode.PAYMENT, true, List.of(new PurchasedItem(new PriceId("price_pack"),
                        Optional.of("prod_pack"), 2, new Money(1000, "usd")))));

        processor.process(new WebhookWork.CheckoutCompleted(customer, SESSION));

        assertThat(outbox.rowsFor(ALL.key())).singleElement().satisfies(row -> {
            assertThat(row.type).isEqualTo(EventType.CHECKOUT_COMPLETED);
            assertThat(row.ownerKey).isEqualTo("user:user_alice");
        });
        assertThat(outbox.rowsFor(PLANS_ONLY.key())).isEmpty();
        assertThat(wakes).hasValue(1);
        assertThat(world.payments.calls).as("the customer is re-synced as before").contains("snapshot.fetch");
    }

    @Test
    void processingTheSameStripeEventTwiceRecordsOneEvent() {
        CustomerId customer = customerOf(Owner.user("user_alice"));
        world.payments.invoiceNotices.put(INVOICE, new InvoiceNotice(INVOICE, Optional.of(customer),
                new Money(1900, "usd"), Optional.of(URI.create("https://invoice.stripe.com/i/1")), 1,
                Optional.of(Instant.parse("2026-11-27T12:00:00Z"))));

        processor.process(new WebhookWork.InvoicePaymentFailed(customer, INVOICE));
        processor.process(new WebhookWork.InvoicePaymentFailed(customer, INVOICE));

        assertThat(outbox.rowsFor(ALL.key())).singleElement()
                .satisfies(row -> assertThat(row.type).isEqualTo(EventType.PAYMENT_FAILED));
    }

    @Test
    void aLaterFailedAttemptOfTheSameInvoiceIsANewEvent() {
        CustomerId customer = customerOf(Owner.user("user_alice"));
        InvoiceNotice first = new InvoiceNotice(INVOICE, Optional.of(customer), new Money(1900, "usd"),
                Optional.empty(), 1, Optional.empty());
        world.payments.invoiceNotices.put(INVOICE, first);
        processor.process(new WebhookWork.InvoicePaymentFailed(customer, INVOICE));
        world.payments.invoiceNotices.put(INVOICE, new InvoiceNotice(INVOICE, Optional.of(customer),
                new Money(1900, "usd"), Optional.empty(), 2, Optional.empty()));
        processor.process(new WebhookWork.InvoicePaymentFailed(customer, INVOICE));

        assertThat(outbox.rowsFor(ALL.key())).hasSize(2).extracting(row -> row.id).doesNotHaveDuplicates();
    }

    @Test
    void actionRequiredAndTrialEndAreRecordedAsTheirOwnTypes() {
        CustomerId customer = customerOf(Owner.organization("org_acme"));
        world.payments.invoiceNotices.put(INVOICE, new InvoiceNotice(INVOICE, Optional.of(customer),
                new Money(1900, "usd"), Optional.empty(), 1, Optional.empty()));
        SubscriptionId subscription = new SubscriptionId("sub_1");
        world.payments.trialNotices.put(subscription, new TrialNotice(subscription, Optional.of(customer),
                Optional.of("Pro"), Optional.of(Instant.parse("2026-11-29T12:00:00Z"))));

        processor.process(new WebhookWork.InvoiceActionRequired(customer, INVOICE));
        processor.process(new WebhookWork.TrialWillEnd(customer, subscription));

        assertThat(outbox.rowsFor(ALL.key())).extracting(row -> row.type)
                .containsExactly(EventType.PAYMENT_ACTION_REQUIRED, EventType.TRIAL_WILL_END);
        assertThat(outbox.rowsFor(ALL.key())).extracting(row -> row.ownerKey).containsOnly("organization:org_acme");
    }

    @Test
    void aCustomerThatIsNotOursRecordsNothingWithoutAskingStripe() {
        world.payments.checkoutDetails.put(SESSION, new CheckoutDetails(SESSION,
                Optional.of(STRANGER), CheckoutMode.SUBSCRIPTION, true, List.of()));

        processor.process(new WebhookWork.CheckoutCompleted(STRANGER, SESSION));

        assertThat(outbox.rows).isEmpty();
        assertThat(world.payments.calls).doesNotContain("checkout.sessions.retrieve_with_line_items");
    }

    @Test
    void anIncompleteSessionOrATrialThatNoLongerEndsRecordsNothing() {
        CustomerId customer = customerOf(Owner.user("user_alice"));
        world.payments.checkoutDetails.put(SESSION, new CheckoutDetails(SESSION, Optional.of(customer),
                CheckoutMode.SUBSCRIPTION, false, List.of()));
        SubscriptionId subscription = new SubscriptionId("sub_1");
        world.payments.trialNotices.put(subscription, new TrialNotice(subscription, Optional.of(customer),
                Optional.of("Pro"), Optional.empty()));

        processor.process(new WebhookWork.CheckoutCompleted(customer, SESSION));
        processor.process(new WebhookWork.TrialWillEnd(customer, subscription));

        assertThat(outbox.rows).isEmpty();
    }

    @Test
    void anObjectStripeNoLongerHasRecordsNothingButTheCustomerIsStillReSynced() {
        CustomerId customer = customerOf(Owner.user("user_alice"));
        world.payments.calls.clear();

        processor.process(new WebhookWork.InvoicePaymentFailed(customer, INVOICE));
        processor.process(new WebhookWork.CheckoutCompleted(customer, SESSION));
        processor.process(new WebhookWork.TrialWillEnd(customer, new SubscriptionId("sub_gone")));

        assertThat(outbox.rows).isEmpty();
        assertThat(world.payments.calls).filteredOn("snapshot.fetch"::equals).hasSize(3);
    }
}
