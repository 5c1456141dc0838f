package io.billingbridge.core.events;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutDetails;
import io.billingbridge.core.payment.CheckoutSessionId;
import io.billingbridge.core.payment.InvoiceId;
import io.billingbridge.core.payment.InvoiceNotice;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.payment.TrialNotice;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the Stripe events the application hears about ({@code checkout.completed}, {@code payment.failed},
 * {@code payment.action_required}, {@code trial.will_end}) into recorded events: re-reads the object from Stripe,
 * never trusting the webhook's copy, finds the owner through its customer, and records the event if the customer is
 * one of ours; the caller re-syncs the customer the webhook named, as for any other event.
 */
public final class RecordPaymentEvents {
    private static final Logger LOG = LoggerFactory.getLogger(RecordPaymentEvents.class);

    private final PaymentProvider payments;
    private final BillingAccounts accounts;
    private final AppEvents events;

    public RecordPaymentEvents(PaymentProvider payments, BillingAccounts accounts, AppEvents events) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Records {@code checkout.completed} for a complete session of one of our customers. */
    public void checkoutCompleted(CheckoutSessionId session) {
        Optional<CheckoutDetails> details = payments.checkoutDetails(session);
        if (details.isEmpty()) {
            LOG.debug("checkout session {} is not known to Stripe", session);
            return;
        }
        CheckoutDetails checkout = details.get();
        if (checkout.complete()) {
            record(checkout.customer(), owner -> new AppEvent.CheckoutCompleted(owner, checkout));
        }
    }

    /** Records {@code payment.failed} for an invoice of one of our customers. */
    public void invoicePaymentFailed(InvoiceId invoice) {
        invoice(invoice, AppEvent.PaymentFailed::new);
    }

    /** Records {@code payment.action_required} for an invoice of one of our customers. */
    public void invoiceActionRequired(InvoiceId invoice) {
        invoice(invoice, AppEvent.PaymentActionRequired::new);
    }

    /** Records {@code trial.will_end} for a subscription of one of our customers that still has a trial end. */
    public void trialWillEnd(SubscriptionId subscription) {
        Optional<TrialNotice> found = payments.trialNotice(subscription);
        if (found.isEmpty()) {
            LOG.debug("subscription {} is not known to Stripe", subscription);
            return;
        }
        TrialNotice trial = found.get();
        trial.trialEnd().ifPresent(end -> record(trial.customer(),
                owner -> new AppEvent.TrialWillEnd(owner, subscription, trial.plan(), end)));
    }

    private void invoice(InvoiceId invoice, BiFunction<Owner, InvoiceNotice, AppEvent> event) {
        Optional<InvoiceNotice> found = payments.invoiceNotice(invoice);
        if (found.isEmpty()) {
            LOG.debug("invoice {} is not known to Stripe", invoice);
            return;
        }
        InvoiceNotice notice = found.get();
        record(notice.customer(), owner -> event.apply(owner, notice));
    }

    private void record(Optional<CustomerId> customer, Function<Owner, AppEvent> event) {
        Optional<Owner> owner = customer.flatMap(accounts::findByCustomer).map(BillingAccount::owner);
        if (owner.isEmpty()) {
            LOG.debug("customer {} is not one of ours; no event recorded", customer.map(CustomerId::value).orElse("-"));
            return;
        }
        events.record(event.apply(owner.get()));
    }
}
