package io.billingbridge.stripe;

import static io.billingbridge.stripe.StripePaymentProvider.call;
import static io.billingbridge.stripe.StripePaymentProvider.requestId;

import com.stripe.StripeClient;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.SubscriptionSchedule;
import com.stripe.net.RequestOptions;
import com.stripe.param.InvoiceCreatePreviewParams;
import com.stripe.param.SubscriptionRetrieveParams;
import com.stripe.param.SubscriptionScheduleCreateParams;
import com.stripe.param.SubscriptionScheduleReleaseParams;
import com.stripe.param.SubscriptionScheduleUpdateParams;
import com.stripe.param.SubscriptionUpdateParams;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.PaymentFailed;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PriceId;
import io.billingbridge.core.payment.ProrationBehavior;
import io.billingbridge.core.payment.ProrationPreview;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.payment.SubscriptionItemId;
import io.billingbridge.core.snapshot.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plan changes on Stripe: the invoice preview, the immediate update ({@code payment_behavior=pending_if_incomplete},
 * so a failed payment keeps the old plan), and the change at the period end through a subscription schedule.
 *
 * <p>Calls: preview 1; change now 2 (3 when a scheduled change is withdrawn first); schedule 3 (2 when the
 * subscription already has a schedule, 4 when setting the phases fails and the new schedule is released); withdraw 2.
 * Every write has an idempotency key derived from the caller's, one suffix per step, so a retry replays each step.
 */
final class StripePlanChanges {

    private static final Logger LOG = LoggerFactory.getLogger(StripePlanChanges.class);

    private final StripeClient stripe;

    StripePlanChanges(StripeClient stripe) {
        this.stripe = stripe;
    }

    private static RequestOptions key(IdempotencyKey key, String step) {
        return RequestOptions.builder().setIdempotencyKey(key.value() + "-" + step).build();
    }

    ProrationPreview preview(CustomerId customer, SubscriptionId subscription, SubscriptionItemId item, PriceId price,
            long quantity, ProrationBehavior proration, Optional<Instant> prorationDate) {
        InvoiceCreatePreviewParams.SubscriptionDetails.Builder details = InvoiceCreatePreviewParams.SubscriptionDetails
                .builder()
                .addItem(InvoiceCreatePreviewParams.SubscriptionDetails.Item.builder().setId(item.value())
                        .setPrice(price.value()).setQuantity(quantity).build())
                .setProrationBehavior(InvoiceCreatePreviewParams.SubscriptionDetails.ProrationBehavior.valueOf(
                        proration.name()));
        prorationDate.ifPresent(at -> details.setProrationDate(at.getEpochSecond()));
        Invoice invoice = call("previewPlanChange", () -> stripe.v1().invoices().createPreview(
                InvoiceCreatePreviewParams.builder().setCustomer(customer.value())
                        .setSubscription(subscription.value()).setSubscriptionDetails(details.build()).build()));
        List<ProrationPreview.Line> lines = new ArrayList<>();
        for (InvoiceLineItem line : invoice.getLines().getData()) {
            lines.add(new ProrationPreview.Line(line.getDescription() == null ? "" : line.getDescription(),
                    new Money(line.getAmount(), line.getCurrency()),
                    Instant.ofEpochSecond(line.getPeriod().getStart()),
                    Instant.ofEpochSecond(line.getPeriod().getEnd())));
        }
        Long prorated = invoice.getParent() == null || invoice.getParent().getSubscriptionDetails() == null ? null
                : invoice.getParent().getSubscriptionDetails().getSubscriptionProrationDate();
        Instant at = prorated != null ? Instant.ofEpochSecond(prorated)
                : prorationDate.orElse(Instant.ofEpochSecond(invoice.getCreated()));
        return new ProrationPreview(new Money(invoice.getAmountDue(), invoice.getCurrency()), lines, at);
    }

    void changeNow(SubscriptionId subscription, SubscriptionItemId item, PriceId price, long quantity,
            ProrationBehavior proration, Optional<Instant> prorationDate, IdempotencyKey idempotencyKey) {
        Subscription current = retrieve(subscription);
        if (current.getSchedule() != null) {
            release(current.getSchedule(), idempotencyKey, "release");
        }
        SubscriptionUpdateParams.Builder params = SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder().setId(item.value()).setPrice(price.value())
                        .setQuantity(quantity).build())
                .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.valueOf(proration.name()))
                .setPaymentBehavior(SubscriptionUpdateParams.PaymentBehavior.PENDING_IF_INCOMPLETE);
        prorationDate.ifPresent(at -> params.setProrationDate(at.getEpochSecond()));
        Subscription updated = call("changePlan", () -> stripe.v1().subscriptions().update(subscription.value(),
                params.build(), key(idempotencyKey, "update")));
        if (updated.getPendingUpdate() != null) {
            LOG.info("Plan change of {} to {} left pending: its payment failed (request {})", subscription, price,
                    requestId(updated));
            throw new PaymentFailed("payment_failed", "the payment for the change failed; the current plan stays");
        }
        LOG.info("Stripe subscription {} changed to {} x{} (request {})", subscription, price, quantity,
                requestId(updated));
    }

    Instant schedule(SubscriptionId subscription, PriceId price, long quantity, IdempotencyKey idempotencyKey) {
        Subscription current = retrieve(subscription);
        List<SubscriptionItem> items = current.getItems().getData();
        long periodEnd = items.get(0).getCurrentPeriodEnd();
        SubscriptionSchedule schedule = current.getScheduleObject();
        boolean created = schedule == null;
        if (created) {
            schedule = call("schedulePlanChange", () -> stripe.v1().subscriptionSchedules().create(
                    SubscriptionScheduleCreateParams.builder().setFromSubscription(subscription.value()).build(),
                    key(idempotencyKey, "schedule")));
        }
        long phaseStart = schedule.getCurrentPhase() != null ? schedule.getCurrentPhase().getStartDate()
                : items.get(0).getCurrentPeriodStart();
        SubscriptionScheduleUpdateParams.Phase.Builder currentPhase = SubscriptionScheduleUpdateParams.Phase.builder()
                .setStartDate(phaseStart).setEndDate(periodEnd)
                .setProrationBehavior(SubscriptionScheduleUpdateParams.Phase.ProrationBehavior.NONE);
        for (SubscriptionItem item : items) {
            currentPhase.addItem(SubscriptionScheduleUpdateParams.Phase.Item.builder()
                    .setPrice(item.getPrice().getId()).setQuantity(item.getQuantity()).build());
        }
        SubscriptionScheduleUpdateParams params = SubscriptionScheduleUpdateParams.builder()
                .setEndBehavior(SubscriptionScheduleUpdateParams.EndBehavior.RELEASE)
                .addPhase(currentPhase.build())
                .addPhase(SubscriptionScheduleUpdateParams.Phase.builder()
                        .addItem(SubscriptionScheduleUpdateParams.Phase.Item.builder().setPrice(price.value())
                                .setQuantity(quantity).build())
                        .setProrationBehavior(SubscriptionScheduleUpdateParams.Phase.ProrationBehavior.NONE).build())
                .build();
        String scheduleId = schedule.getId();
        try {
            SubscriptionSchedule updated = call("schedulePlanChange", () -> stripe.v1().subscriptionSchedules()
                    .update(scheduleId, params, key(idempotencyKey, "phases")));
            LOG.info("Stripe subscription {} scheduled to change to {} x{} at {} (schedule {}, request {})",
                    subscription, price, quantity, periodEnd, scheduleId, requestId(updated));
        } catch (RuntimeException failed) {
            if (created) {
                try {
                    release(scheduleId, idempotencyKey, "cleanup");
                } catch (RuntimeException cleanup) {
                    LOG.warn("Could not release schedule {} of {} after a failed change; the next change re-uses it",
                            scheduleId, subscription);
                    failed.addSuppressed(cleanup);
                }
            }
            throw failed;
        }
        return Instant.ofEpochSecond(periodEnd);
    }

    boolean withdraw(SubscriptionId subscription, IdempotencyKey idempotencyKey) {
        Subscription current = retrieve(subscription);
        if (current.getSchedule() == null) {
            return false;
        }
        release(current.getSchedule(), idempotencyKey, "release");
        return true;
    }

    private Subscription retrieve(SubscriptionId subscription) {
        return call("retrieveSubscription", () -> stripe.v1().subscriptions().retrieve(subscription.value(),
                SubscriptionRetrieveParams.builder().addExpand("schedule").build(), (RequestOptions) null));
    }

    private void release(String scheduleId, IdempotencyKey idempotencyKey, String step) {
        SubscriptionSchedule released = call("releaseSchedule", () -> stripe.v1().subscriptionSchedules().release(
                scheduleId, SubscriptionScheduleReleaseParams.builder().build(), key(idempotencyKey, step)));
        LOG.info("Stripe schedule {} released (request {})", scheduleId, requestId(released));
    }
}
