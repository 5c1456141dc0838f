package io.billingbridge.core.usage;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.OwnerNotFound;
import io.billingbridge.core.owner.Owner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Records usage reported by the application's backend, all of a report or none of it, for {@link ForwardUsage} to
 * send to Stripe.
 *
 * <p>Refused (nothing stored): a report of no events or more than {@link #MAX_BATCH}; an event whose timestamp is
 * outside Stripe's window (35 days past, 5 minutes ahead); an event name no active meter has; an owner without a
 * Stripe customer ({@code usage_owner_unknown}) or without a live subscription metering the event
 * ({@code usage_not_metered}), unless {@code keepUntilSubscribed}, which keeps such events waiting until the owner
 * has one. The error names the event by its index in the report.
 */
public final class ReportUsage {
    /** The most events one report may carry. */
    public static final int MAX_BATCH = 100;
    /** How old an event may be: Stripe accepts meter events up to 35 days old. */
    public static final Duration MAX_AGE = Duration.ofDays(35);
    /** How far ahead an event may be: Stripe allows 5 minutes for clock drift. */
    public static final Duration MAX_AHEAD = Duration.ofMinutes(5);

    private final BillingAccounts accounts;
    private final MeterDirectory meters;
    private final UsageOutbox outbox;
    private final boolean keepUntilSubscribed;
    private final Runnable onStored;
    private final UsageSignals signals;
    private final Clock clock;

    /**
     * @param keepUntilSubscribed keep usage of owners without a metered subscription (or customer) until they have
     *     one, instead of refusing it
     * @param onStored called after events were stored, to send them soon
     */
    public ReportUsage(BillingAccounts accounts, MeterDirectory meters, UsageOutbox outbox,
            boolean keepUntilSubscribed, Runnable onStored, UsageSignals signals, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.keepUntilSubscribed = keepUntilSubscribed;
        this.onStored = Objects.requireNonNull(onStored, "onStored");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks and stores a report.
     *
     * @throws InvalidRequest for an empty or too large report, a timestamp out of the window, an unknown event name
     * @throws OwnerNotFound {@code usage_owner_unknown} when an owner has no Stripe customer
     * @throws Conflict {@code usage_not_metered} when an owner has no live subscription metering the event
     * @throws io.billingbridge.core.error.ProviderUnavailable when Stripe must be asked and cannot be reached
     */
    public UsageReceipt report(List<UsageEvent> events) {
        requireSize(events.size());
        Instant now = clock.instant();
        List<Meter> meterOf = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            UsageEvent event = events.get(i);
            requireInWindow(i, event, now);
            int index = i;
            meterOf.add(meters.meter(event.eventName()).orElseThrow(() -> new InvalidRequest("usage_event_unknown",
                    at(index) + "no active Stripe meter has the event name '" + event.eventName() + "'",
                    at(index, "event"))));
        }
        Map<Owner, Optional<CustomerId>> customers = new HashMap<>();
        List<AcceptedUsage> accepted = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            UsageEvent event = events.get(i);
            Optional<CustomerId> customer = customers.computeIfAbsent(event.owner(),
                    owner -> accounts.find(owner).flatMap(BillingAccount::customerId));
            UsageState state = state(i, event, customer, meterOf.get(i));
            accepted.add(new AcceptedUsage(event, customer, state, event.timestamp().orElse(now), now));
        }
        int stored = outbox.store(accepted);
        UsageReceipt receipt = new UsageReceipt(stored, events.size() - stored);
        signals.reported(receipt.accepted(), receipt.duplicates());
        if (stored > 0) {
            onStored.run();
        }
        return receipt;
    }

    /** Refuses a report of no events or more than {@link #MAX_BATCH}. */
    public static void requireSize(int size) {
        if (size == 0) {
            throw new InvalidRequest("usage_batch_empty", "a report carries at least one event", "events");
        }
        if (size > MAX_BATCH) {
            throw new InvalidRequest("usage_batch_too_large", "a report carries at most " + MAX_BATCH
                    + " events; it had " + size, "events");
        }
    }

    private UsageState state(int index, UsageEvent event, Optional<CustomerId> customer, Meter meter) {
        if (customer.isEmpty()) {
            if (keepUntilSubscribed) {
                return UsageState.WAITING;
            }
            throw new OwnerNotFound("usage_owner_unknown", at(index) + "the owner has no Stripe customer yet, so"
                    + " there is nothing to bill usage to");
        }
        if (meters.subscribed(customer.get(), meter.id())) {
            return UsageState.PENDING;
        }
        if (keepUntilSubscribed) {
            return UsageState.WAITING;
        }
        throw new Conflict("usage_not_metered", at(index) + "the owner has no live subscription with a metered"
                + " price on the meter of '" + event.eventName() + "'");
    }

    private static void requireInWindow(int index, UsageEvent event, Instant now) {
        if (event.timestamp().isEmpty()) {
            return;
        }
        Instant timestamp = event.timestamp().get();
        if (timestamp.isBefore(now.minus(MAX_AGE))) {
            throw new InvalidRequest("invalid_usage_event", at(index) + "timestamp is more than 35 days in the past,"
                    + " which Stripe does not accept", at(index, "timestamp"));
        }
        if (timestamp.isAfter(now.plus(MAX_AHEAD))) {
            throw new InvalidRequest("invalid_usage_event", at(index) + "timestamp is more than 5 minutes in the"
                    + " future", at(index, "timestamp"));
        }
    }

    /** The message prefix naming an event of a report, e.g. {@code events[3]: }. */
    public static String at(int index) {
        return "events[" + index + "]: ";
    }

    /** The parameter naming a field of an event of a report, e.g. {@code events[3].value}. */
    public static String at(int index, String field) {
        return "events[" + index + "]." + field;
    }
}
