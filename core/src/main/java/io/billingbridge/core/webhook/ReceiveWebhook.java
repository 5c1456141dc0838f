package io.billingbridge.core.webhook;

import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.identity.IdentityEventVerifier;
import io.billingbridge.core.payment.PaymentEventVerifier;
import io.billingbridge.core.signal.BillingSignals;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a webhook on its raw body, records the work it asks for in the ledger (deduplicating by event id) and
 * wakes the worker.
 *
 * <p>Answers fast: processing happens after, so a slow or failing Stripe or Clerk never makes the sender retry.
 * Each accepted delivery is logged at DEBUG only: at hundreds of events a second an INFO line each was a measurable
 * part of the cost (issue 11); the received and refused counters are what an operator watches, and refusals still
 * log a warning.
 */
public final class ReceiveWebhook {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiveWebhook.class);

    private final PaymentEventVerifier stripe;
    private final IdentityEventVerifier clerk;
    private final WebhookLedger ledger;
    private final Runnable wakeWorker;
    private final Clock clock;
    private final BillingSignals signals;

    public ReceiveWebhook(PaymentEventVerifier stripe, IdentityEventVerifier clerk, WebhookLedger ledger,
            Runnable wakeWorker, Clock clock, BillingSignals signals) {
        this.stripe = Objects.requireNonNull(stripe, "stripe");
        this.clerk = Objects.requireNonNull(clerk, "clerk");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.wakeWorker = Objects.requireNonNull(wakeWorker, "wakeWorker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signals = Objects.requireNonNull(signals, "signals");
    }

    /** A Stripe event; true when it was new, false for a duplicate delivery; an {@link InvalidRequest} if refused. */
    public boolean fromStripe(WebhookDelivery delivery) {
        return recorded(WebhookSource.STRIPE, verified(WebhookSource.STRIPE, () -> stripe.verify(delivery)));
    }

    /** A Clerk event; true when it was new, false for a duplicate delivery; an {@link InvalidRequest} if refused. */
    public boolean fromClerk(WebhookDelivery delivery) {
        return recorded(WebhookSource.CLERK, verified(WebhookSource.CLERK, () -> clerk.verify(delivery)));
    }

    /** The verified event; a refusal is logged here once, as a warning with its reason code, and nothing is recorded. */
    private VerifiedEvent verified(WebhookSource source, Supplier<VerifiedEvent> verify) {
        try {
            return verify.get();
        } catch (InvalidRequest e) {
            LOG.warn("refused {} webhook: {}", source, e.code());
            signals.webhookRefused(source, e.code());
            throw e;
        }
    }

    private boolean recorded(WebhookSource source, VerifiedEvent event) {
        boolean fresh = ledger.record(source, event, clock.instant());
        signals.webhookReceived(source, event.type(), fresh);
        if (fresh) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("recorded {} event {} ({}): {}", source, event.eventId(), event.type(),
                        event.work().describe());
            }
            wakeWorker.run();
        } else {
            LOG.debug("ignored duplicate {} event {} ({})", source, event.eventId(), event.type());
        }
        return fresh;
    }
}
