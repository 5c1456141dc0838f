package io.billingbridge.core.webhook;

import io.billingbridge.core.identity.IdentityEvent;
import io.billingbridge.core.identity.IdentityEventVerifier;
import io.billingbridge.core.payment.PaymentEvent;
import io.billingbridge.core.payment.PaymentEventVerifier;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a webhook on its raw body, records it in the ledger (deduplicating by event id) and wakes the worker.
 *
 * <p>Answers fast: processing happens after, so a slow or failing Stripe or Clerk never makes the sender retry.
 */
public final class ReceiveWebhook {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiveWebhook.class);

    private final PaymentEventVerifier stripe;
    private final IdentityEventVerifier clerk;
    private final WebhookLedger ledger;
    private final Runnable wakeWorker;
    private final Clock clock;

    public ReceiveWebhook(PaymentEventVerifier stripe, IdentityEventVerifier clerk, WebhookLedger ledger,
            Runnable wakeWorker, Clock clock) {
        this.stripe = Objects.requireNonNull(stripe, "stripe");
        this.clerk = Objects.requireNonNull(clerk, "clerk");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.wakeWorker = Objects.requireNonNull(wakeWorker, "wakeWorker");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A Stripe event; true when it was new, false for a duplicate delivery. */
    public boolean fromStripe(WebhookDelivery delivery) {
        PaymentEvent event = stripe.verify(delivery);
        Optional<String> subject = event.customer().map(c -> c.value()).or(event::objectId);
        return recorded(WebhookSource.STRIPE, event.eventId(), event.type(), subject);
    }

    /** A Clerk event; true when it was new, false for a duplicate delivery. */
    public boolean fromClerk(WebhookDelivery delivery) {
        IdentityEvent event = clerk.verify(delivery);
        return recorded(WebhookSource.CLERK, event.eventId(), event.type(), IdentitySubjects.subjectOf(event));
    }

    private boolean recorded(WebhookSource source, String eventId, String type, Optional<String> subject) {
        boolean fresh = ledger.record(source, eventId, type, subject, clock.instant());
        if (fresh) {
            LOG.info("recorded {} event {} ({})", source, eventId, type);
            wakeWorker.run();
        } else {
            LOG.info("ignored duplicate {} event {} ({})", source, eventId, type);
        }
        return fresh;
    }
}
