package io.billingbridge.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.billing.Meter;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.billing.MeterEventCreateParams;
import com.stripe.param.billing.MeterListParams;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.usage.MeterEvent;
import io.billingbridge.core.usage.MeterEvents;
import io.billingbridge.core.usage.MeterId;
import io.billingbridge.core.usage.SendOutcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MeterEvents} on Stripe: meters and subscriptions through the client on the general request budget, meter
 * events through a client on their own budget ({@link StripeSettings#meterEventsPerSecond()}), without stripe-java's
 * retries (the usage outbox retries, with the same identifier).
 *
 * <p>Stripe's v1 meter events API takes one event per call; its batching API (v2 meter event streams) is not used.
 * Stripe allows one concurrent call per customer and meter, which the single forwarding thread respects.
 */
public final class StripeMeterEvents implements MeterEvents {

    private static final Logger LOG = LoggerFactory.getLogger(StripeMeterEvents.class);
    private static final Set<String> LIVE = Set.of("active", "trialing", "past_due");

    private final StripeClient general;
    private final StripeClient events;

    StripeMeterEvents(StripeClient general, StripeClient events) {
        this.general = Objects.requireNonNull(general, "general");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public List<io.billingbridge.core.usage.Meter> activeMeters() {
        List<io.billingbridge.core.usage.Meter> active = new ArrayList<>();
        Iterable<Meter> meters = StripePaymentProvider.call("listMeters", () -> general.v1().billing().meters()
                .list(MeterListParams.builder().setStatus(MeterListParams.Status.ACTIVE).setLimit(100L).build())
                .autoPagingIterable());
        for (Meter meter : meters) {
            try {
                active.add(StripeMapping.meter(meter));
            } catch (IllegalArgumentException | NullPointerException e) {
                LOG.warn("Stripe meter {} has an event name or payload keys usage cannot be reported for; skipped",
                        meter.getId());
            }
        }
        return active;
    }

    @Override
    public Set<MeterId> meteredMeters(CustomerId customer) {
        Iterable<Subscription> subscriptions = StripePaymentProvider.call("listSubscriptions", () -> general.v1()
                .subscriptions().list(SubscriptionListParams.builder().setCustomer(customer.value())
                        .setLimit(100L).build()).autoPagingIterable());
        Set<MeterId> meters = new HashSet<>();
        for (Subscription subscription : subscriptions) {
            if (!LIVE.contains(subscription.getStatus()) || subscription.getItems() == null) {
                continue;
            }
            for (SubscriptionItem item : subscription.getItems().getData()) {
                if (item.getPrice() != null && item.getPrice().getRecurring() != null
                        && "metered".equals(item.getPrice().getRecurring().getUsageType())
                        && item.getPrice().getRecurring().getMeter() != null) {
                    meters.add(new MeterId(item.getPrice().getRecurring().getMeter()));
                }
            }
        }
        return meters;
    }

    @Override
    public SendOutcome send(MeterEvent event) {
        MeterEventCreateParams params = MeterEventCreateParams.builder()
                .setEventName(event.meter().eventName())
                .putPayload(event.meter().customerKey(), event.customer().value())
                .putPayload(event.meter().valueKey(), Long.toString(event.value()))
                .setIdentifier(event.identifier().value())
                .setTimestamp(event.timestamp().getEpochSecond())
                .build();
        try {
            events.v1().billing().meterEvents().create(params);
            return new SendOutcome.Sent();
        } catch (StripeException e) {
            return outcome(e);
        } catch (ProviderUnavailable e) {
            return new SendOutcome.TryLater("budget_exhausted", Optional.of(e.retryAfter()));
        }
    }

    /** What Stripe's refusal means for the event: sent already, try later, or refused for good. */
    static SendOutcome outcome(StripeException e) {
        Integer status = e.getStatusCode();
        if (e instanceof ApiConnectionException || status == null) {
            return new SendOutcome.TryLater("unreachable", Optional.empty());
        }
        if (status == 429) {
            return new SendOutcome.TryLater("rate_limited", StripeErrors.retryAfter(e));
        }
        if (status >= 500) {
            return new SendOutcome.TryLater("server_error", Optional.empty());
        }
        if (status == 401 || status == 403) {
            LOG.error("Stripe rejected the API key (status {}) sending a meter event (request {}): check"
                    + " STRIPE_SECRET_KEY", status, e.getRequestId());
            return new SendOutcome.TryLater("stripe_auth", Optional.empty());
        }
        if (status == 409) {
            return new SendOutcome.TryLater("conflict", Optional.empty());
        }
        if (alreadyExists(e)) {
            return new SendOutcome.AlreadySent();
        }
        String code = StripeErrors.safeCode(e.getCode());
        LOG.warn("Stripe refused a meter event with status {} code {} (request {})", status, code,
                e.getRequestId());
        return new SendOutcome.Refused(code);
    }

    /** Stripe's answer to an identifier it has already counted: "An event already exists with identifier ...". */
    private static boolean alreadyExists(StripeException e) {
        StripeError error = e.getStripeError();
        if (error == null) {
            return false;
        }
        if ("resource_already_exists".equals(error.getCode())) {
            return true;
        }
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
        return "identifier".equals(error.getParam()) && message.contains("already exists");
    }
}
