package io.billingbridge.sandbox.stripe;

import static io.billingbridge.sandbox.stripe.StripeTestSupport.client;
import static io.billingbridge.sandbox.stripe.StripeTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionSchedule;
import com.stripe.model.checkout.Session;
import com.stripe.param.EventListParams;
import com.stripe.param.InvoiceCreatePreviewParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.SubscriptionRetrieveParams;
import com.stripe.param.SubscriptionScheduleCreateParams;
import com.stripe.param.SubscriptionScheduleListParams;
import com.stripe.param.SubscriptionScheduleUpdateParams;
import com.stripe.param.SubscriptionUpdateParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripePlanChangeTest {

    private static StripeEmulator emulator;
    private static StripeClient stripe;
    private static Price basic;
    private static Price premium;
    private static Price basicYearly;

    @BeforeAll
    static void start() throws StripeException {
        emulator = StripeEmulator.start(StripeEmulatorConfig.builder().build());
        stripe = client(emulator);
        Product product = StripeTestSupport.product(stripe, "Basic");
        basic = StripeTestSupport.monthly(stripe, product.getId(), 2000);
        premium = StripeTestSupport.monthly(stripe, StripeTestSupport.product(stripe, "Premium").getId(), 5000);
        basicYearly = stripe.v1().prices().create(PriceCreateParams.builder().setProduct(product.getId())
                .setCurrency("usd").setUnitAmount(20_000L).setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.YEAR).build()).build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Subscription subscribe() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("change") + "@example.com");
        Session session = stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                basic.getId(), 1).setCustomer(customer.getId()).build());
        emulator.completeCheckout(session.getId(), "4242424242424242");
        return stripe.v1().subscriptions().retrieve(stripe.v1().checkout().sessions().retrieve(session.getId())
                .getSubscription());
    }

    private static InvoiceCreatePreviewParams.SubscriptionDetails.Item to(Subscription subscription, Price price) {
        return InvoiceCreatePreviewParams.SubscriptionDetails.Item.builder()
                .setId(subscription.getItems().getData().get(0).getId()).setPrice(price.getId()).setQuantity(1L)
                .build();
    }

    private static SubscriptionUpdateParams.Item updateTo(Subscription subscription, Price price) {
        return SubscriptionUpdateParams.Item.builder().setId(subscription.getItems().getData().get(0).getId())
                .setPrice(price.getId()).setQuantity(1L).build();
    }

    @Test
    void previewProratesToTheSecondAndTheUpgradeChargesExactlyThat() throws StripeException {
        Subscription subscription = subscribe();
        emulator.advanceClock(Duration.ofDays(10).plusSeconds(17));
        long start = subscription.getItems().getData().get(0).getCurrentPeriodStart();
        long end = subscription.getItems().getData().get(0).getCurrentPeriodEnd();

        Invoice preview = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setCustomer(subscription.getCustomer()).setSubscription(subscription.getId())
                .setSubscriptionDetails(InvoiceCreatePreviewParams.SubscriptionDetails.builder()
                        .addItem(to(subscription, premium))
                        .setProrationBehavior(InvoiceCreatePreviewParams.SubscriptionDetails.ProrationBehavior
                                .ALWAYS_INVOICE).build()).build());

        long at = emulator.now();
        long credit = -Math.round(2000.0 * (end - at) / (end - start));
        long charge = Math.round(5000.0 * (end - at) / (end - start));
        assertThat(preview.getId()).startsWith("upcoming_");
        assertThat(preview.getParent().getSubscriptionDetails().getSubscriptionProrationDate()).isEqualTo(at);
        List<InvoiceLineItem> lines = preview.getLines().getData();
        assertThat(lines).extracting(InvoiceLineItem::getAmount).containsExactly(credit, charge);
        assertThat(lines.get(0).getDescription()).startsWith("Unused time on Basic after ");
        assertThat(lines.get(1).getDescription()).startsWith("Remaining time on Premium after ");
        assertThat(lines).allSatisfy(line -> assertThat(line.getParent().getSubscriptionItemDetails()
                .getProration()).isTrue());
        assertThat(preview.getAmountDue()).isEqualTo(credit + charge);

        emulator.advanceClock(Duration.ofSeconds(30));
        Subscription updated = stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams
                .builder().addItem(updateTo(subscription, premium))
                .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.ALWAYS_INVOICE)
                .setProrationDate(preview.getParent().getSubscriptionDetails().getSubscriptionProrationDate())
                .setPaymentBehavior(SubscriptionUpdateParams.PaymentBehavior.PENDING_IF_INCOMPLETE).build());

        assertThat(updated.getItems().getData().get(0).getPrice().getId()).isEqualTo(premium.getId());
        assertThat(updated.getPendingUpdate()).isNull();
        Invoice charged = stripe.v1().invoices().retrieve(updated.getLatestInvoice());
        assertThat(charged.getStatus()).isEqualTo("paid");
        assertThat(charged.getBillingReason()).isEqualTo("subscription_update");
        assertThat(charged.getAmountPaid()).isEqualTo(preview.getAmountDue());
    }

    @Test
    void createProrationsLeavesTheProrationsForTheNextInvoice() throws StripeException {
        Subscription subscription = subscribe();
        emulator.advanceClock(Duration.ofDays(15));
        Subscription updated = stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams
                .builder().addItem(updateTo(subscription, premium)).build());
        assertThat(updated.getLatestInvoice()).isEqualTo(subscription.getLatestInvoice());

        emulator.advanceClock(Duration.ofDays(20));
        Invoice renewal = stripe.v1().invoices().retrieve(stripe.v1().subscriptions().retrieve(subscription.getId())
                .getLatestInvoice());
        assertThat(renewal.getLines().getData()).hasSize(3);
        long prorations = renewal.getLines().getData().stream().filter(l -> l.getParent()
                .getSubscriptionItemDetails().getProration()).mapToLong(InvoiceLineItem::getAmount).sum();
        assertThat(prorations).isPositive();
        assertThat(renewal.getAmountPaid()).isEqualTo(5000 + prorations);
    }

    @Test
    void anIntervalChangeRestartsTheCycleNowAndChargesTheNewPeriod() throws StripeException {
        Subscription subscription = subscribe();
        emulator.advanceClock(Duration.ofDays(5));
        Invoice preview = stripe.v1().invoices().createPreview(InvoiceCreatePreviewParams.builder()
                .setCustomer(subscription.getCustomer()).setSubscription(subscription.getId())
                .setSubscriptionDetails(InvoiceCreatePreviewParams.SubscriptionDetails.builder()
                        .addItem(to(subscription, basicYearly)).build()).build());
        long before = emulator.now();
        Subscription updated = stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams
                .builder().addItem(updateTo(subscription, basicYearly))
                .setProrationDate(preview.getParent().getSubscriptionDetails().getSubscriptionProrationDate()).build());

        assertThat(updated.getBillingCycleAnchor()).isBetween(before, emulator.now());
        assertThat(updated.getItems().getData().get(0).getCurrentPeriodStart())
                .isEqualTo(updated.getBillingCycleAnchor());
        Invoice charged = stripe.v1().invoices().retrieve(updated.getLatestInvoice());
        assertThat(charged.getLines().getData()).extracting(InvoiceLineItem::getAmount)
                .contains(20_000L).anyMatch(amount -> amount < 0);
        assertThat(charged.getAmountPaid()).isEqualTo(preview.getAmountDue());
    }

    @Test
    void aFailedUpgradePaymentKeepsTheOldItemsAsAPendingUpdate() throws StripeException {
        Subscription subscription = subscribe();
        String failing = stripe.v1().paymentMethods().attach("pm_card_chargeCustomerFail",
                PaymentMethodAttachParams.builder().setCustomer(subscription.getCustomer()).build()).getId();
        stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                .setDefaultPaymentMethod(failing).build());

        Subscription updated = stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams
                .builder().addItem(updateTo(subscription, premium))
                .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.ALWAYS_INVOICE)
                .setPaymentBehavior(SubscriptionUpdateParams.PaymentBehavior.PENDING_IF_INCOMPLETE).build());

        assertThat(updated.getItems().getData().get(0).getPrice().getId()).isEqualTo(basic.getId());
        assertThat(updated.getStatus()).isEqualTo("active");
        assertThat(updated.getPendingUpdate()).isNotNull();
        assertThat(updated.getPendingUpdate().getSubscriptionItems().get(0).getPrice().getId())
                .isEqualTo(premium.getId());
        assertThat(stripe.v1().invoices().retrieve(updated.getLatestInvoice()).getStatus()).isEqualTo("open");
    }

    @Test
    void aScheduleSwitchesPlansAtThePeriodEndAndThenReleases() throws StripeException {
        Subscription subscription = subscribe();
        long periodStart = subscription.getItems().getData().get(0).getCurrentPeriodStart();
        long periodEnd = subscription.getItems().getData().get(0).getCurrentPeriodEnd();
        SubscriptionSchedule schedule = stripe.v1().subscriptionSchedules().create(SubscriptionScheduleCreateParams
                .builder().setFromSubscription(subscription.getId()).build());
        assertThat(schedule.getPhases()).hasSize(1);
        assertThat(stripe.v1().subscriptions().retrieve(subscription.getId()).getSchedule())
                .isEqualTo(schedule.getId());

        SubscriptionSchedule updated = stripe.v1().subscriptionSchedules().update(schedule.getId(),
                SubscriptionScheduleUpdateParams.builder()
                        .setEndBehavior(SubscriptionScheduleUpdateParams.EndBehavior.RELEASE)
                        .addPhase(SubscriptionScheduleUpdateParams.Phase.builder().setStartDate(periodStart)
                                .setEndDate(periodEnd).addItem(SubscriptionScheduleUpdateParams.Phase.Item.builder()
                                        .setPrice(premium.getId()).setQuantity(1L).build()).build())
                        .addPhase(SubscriptionScheduleUpdateParams.Phase.builder()
                                .addItem(SubscriptionScheduleUpdateParams.Phase.Item.builder()
                                        .setPrice(basic.getId()).setQuantity(2L).build()).build())
                        .build());
        assertThat(updated.getPhases()).hasSize(2);
        assertThat(updated.getPhases().get(1).getStartDate()).isEqualTo(periodEnd);
        assertThat(stripe.v1().subscriptionSchedules().list(SubscriptionScheduleListParams.builder()
                .setCustomer(subscription.getCustomer()).build()).getData()).extracting(SubscriptionSchedule::getId)
                .containsExactly(schedule.getId());

        emulator.advanceClock(Duration.ofSeconds(periodEnd - emulator.now() + 1));
        Subscription switched = stripe.v1().subscriptions().retrieve(subscription.getId(),
                SubscriptionRetrieveParams.builder().addExpand("latest_invoice").build(), null);
        assertThat(switched.getItems().getData().get(0).getPrice().getId()).isEqualTo(basic.getId());
        assertThat(switched.getItems().getData().get(0).getQuantity()).isEqualTo(2L);
        assertThat(switched.getLatestInvoiceObject().getAmountPaid()).isEqualTo(4000L);
        assertThat(switched.getSchedule()).isEqualTo(schedule.getId());

        long phaseEnd = updated.getPhases().get(1).getEndDate();
        emulator.advanceClock(Duration.ofSeconds(phaseEnd - emulator.now() + 1));
        assertThat(stripe.v1().subscriptions().retrieve(subscription.getId()).getSchedule()).isNull();
        SubscriptionSchedule released = stripe.v1().subscriptionSchedules().retrieve(schedule.getId());
        assertThat(released.getStatus()).isEqualTo("released");
        assertThat(released.getReleasedSubscription()).isEqualTo(subscription.getId());

        List<String> types = new ArrayList<>();
        for (Event event : stripe.v1().events().list(EventListParams.builder().setLimit(100L).build())
                .autoPagingIterable()) {
            if (event.getType().startsWith("subscription_schedule.")) {
                types.add(0, event.getType());
            }
        }
        assertThat(types).containsSubsequence("subscription_schedule.created", "subscription_schedule.updated",
                "subscription_schedule.updated", "subscription_schedule.released");
    }

    @Test
    void aSubscriptionManagedByAScheduleCannotSetItsCancellationDirectly() throws StripeException {
        Subscription subscription = subscribe();
        SubscriptionSchedule schedule = stripe.v1().subscriptionSchedules().create(SubscriptionScheduleCreateParams
                .builder().setFromSubscription(subscription.getId()).build());

        assertThatThrownBy(() -> stripe.v1().subscriptions().update(subscription.getId(),
                com.stripe.param.SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(schedule.getId());
        assertThat(stripe.v1().subscriptions().retrieve(subscription.getId()).getCancelAtPeriodEnd()).isFalse();
    }

    @Test
    void releasingAScheduleKeepsTheCurrentPlan() throws StripeException {
        Subscription subscription = subscribe();
        SubscriptionSchedule schedule = stripe.v1().subscriptionSchedules().create(SubscriptionScheduleCreateParams
                .builder().setFromSubscription(subscription.getId()).build());
        SubscriptionSchedule released = stripe.v1().subscriptionSchedules().release(schedule.getId());
        assertThat(released.getStatus()).isEqualTo("released");
        Subscription after = stripe.v1().subscriptions().retrieve(subscription.getId());
        assertThat(after.getSchedule()).isNull();
        assertThat(after.getItems().getData().get(0).getPrice().getId()).isEqualTo(basic.getId());
        assertThatThrownBy(() -> stripe.v1().subscriptionSchedules().release(schedule.getId()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aProrationDateOutsideThePeriodIsRefused() throws StripeException {
        Subscription subscription = subscribe();
        assertThatThrownBy(() -> stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams
                .builder().addItem(updateTo(subscription, premium)).setProrationDate(emulator.now() + 3600).build()))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).getParam()).isEqualTo("proration_date"));
    }
}
