package io.billingbridge.core.usage;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.ProviderUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's due usage events to Stripe's meter events API, each with its identifier, in lanes: one lane per
 * customer and event name of a claimed batch, up to {@code lanes} lanes at once, each lane sending its events one at a
 * time (Stripe takes one meter event call at a time per customer and meter, and its v1 API one event per call).
 *
 * <p>Safeguards: an event is sent only while claimed in the outbox, so two instances never send it at once, and a
 * claim whose outcome was never recorded (the instance stopped) lapses and the event is sent again; a resend is
 * harmless because Stripe counts an identifier once, and its "already exists" answer counts as sent. When Stripe
 * cannot take an event now (5xx, timeout, 429, budget), that event and the rest of its lane are tried again
 * with exponential backoff (1 s, 2 s, 4 s, ... at most {@link #MAX_RETRY} apart) rather than hammered during an
 * outage; Stripe's other refusals are final: the event is kept as {@code rejected} with the code and
 * {@link UsageRejections} is told. Waiting events (of owners without a metered subscription yet) are released to be
 * sent once Stripe shows the subscription, checked every {@code waitingRecheck} (by default
 * {@link #WAITING_RECHECK}).
 */
public final class ForwardUsage {
    private static final Logger LOG = LoggerFactory.getLogger(ForwardUsage.class);
    /** How long a claimed event stays out of the due list while it is sent. */
    static final Duration CLAIM = Duration.ofMinutes(2);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);
    /** How often an owner's waiting events are checked against Stripe, unless told otherwise. */
    public static final Duration WAITING_RECHECK = Duration.ofSeconds(30);
    /** The code recorded for an event whose meter is no longer active. */
    static final String NO_ACTIVE_METER = "no_active_meter";
    static final int BATCH = 100;
    private static final int WAITING_BATCH = 50;

    private final UsageOutbox outbox;
    private final MeterEvents stripe;
    private final MeterDirectory meters;
    private final BillingAccounts accounts;
    private final UsageRejections rejections;
    private final UsageSignals signals;
    private final Clock clock;
    private final Duration waitingRecheck;
    private final Executor laneExecutor;
    private final int lanes;

    /** Sends one event at a time, on the calling thread. */
    public ForwardUsage(UsageOutbox outbox, MeterEvents stripe, MeterDirectory meters, BillingAccounts accounts,
            UsageRejections rejections, UsageSignals signals, Clock clock) {
        this(outbox, stripe, meters, accounts, rejections, signals, clock, WAITING_RECHECK, Runnable::run, 1);
    }

    /**
     * @param waitingRecheck how often an owner's waiting events are checked against Stripe
     * @param laneExecutor runs the lanes of a batch; it needs {@code lanes} threads for them to run at once
     * @param lanes how many customers' (and meters') events are sent at once; 1 sends one event at a time
     */
    public ForwardUsage(UsageOutbox outbox, MeterEvents stripe, MeterDirectory meters, BillingAccounts accounts,
            UsageRejections rejections, UsageSignals signals, Clock clock, Duration waitingRecheck,
            Executor laneExecutor, int lanes) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.stripe = Objects.requireNonNull(stripe, "stripe");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.rejections = Objects.requireNonNull(rejections, "rejections");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.waitingRecheck = Objects.requireNonNull(waitingRecheck, "waitingRecheck");
        if (waitingRecheck.isNegative() || waitingRecheck.isZero()) {
            throw new IllegalArgumentException("waitingRecheck must be positive");
        }
        this.laneExecutor = Objects.requireNonNull(laneExecutor, "laneExecutor");
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1, not " + lanes);
        }
        this.lanes = lanes;
    }

    /**
     * Releases waiting events whose owner now has a metered subscription, then sends what is due until nothing is
     * or Stripe cannot take more; returns how many events Stripe now has. Throws when the outbox cannot be read or
     * Stripe's meters cannot be listed.
     */
    public int drain() {
        try {
            releaseWaiting();
        } catch (ProviderUnavailable e) {
            LOG.warn("Stripe unavailable while checking waiting usage; checked again on the next run");
        }
        int forwarded = 0;
        while (true) {
            List<ClaimedUsage> due = outbox.claimDue(clock.instant(), CLAIM, BATCH);
            if (due.isEmpty()) {
                return forwarded;
            }
            Batch batch = send(due);
            forwarded += batch.sent;
            if (batch.stoppedEarly || due.size() < BATCH) {
                return forwarded;
            }
        }
    }

    private record Batch(int sent, boolean stoppedEarly) {
    }

    /**
     * Sends the batch lane by lane, {@link #lanes} at a time; stopped early when any lane was (Stripe could not take
     * more). Throws what a lane threw (the outbox could not be written) once every lane has ended.
     */
    private Batch send(List<ClaimedUsage> due) {
        Map<String, List<ClaimedUsage>> byLane = new LinkedHashMap<>();
        for (ClaimedUsage usage : due) {
            byLane.computeIfAbsent(usage.customer().value() + " " + usage.eventName(), k -> new ArrayList<>())
                    .add(usage);
        }
        if (lanes == 1 || byLane.size() == 1) {
            return sendLane(due);
        }
        Queue<List<ClaimedUsage>> waiting = new ConcurrentLinkedQueue<>(byLane.values());
        List<CompletableFuture<Batch>> running = new ArrayList<>();
        for (int i = 0; i < Math.min(lanes, byLane.size()); i++) {
            running.add(CompletableFuture.supplyAsync(() -> {
                int sent = 0;
                boolean stoppedEarly = false;
                for (List<ClaimedUsage> lane = waiting.poll(); lane != null; lane = waiting.poll()) {
                    Batch batch = sendLane(lane);
                    sent += batch.sent();
                    stoppedEarly |= batch.stoppedEarly();
                }
                return new Batch(sent, stoppedEarly);
            }, laneExecutor));
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        return running.stream().map(CompletableFuture::join).reduce(new Batch(0, false),
                (a, b) -> new Batch(a.sent() + b.sent(), a.stoppedEarly() || b.stoppedEarly()));
    }

    /** Sends the events one at a time, in order, until Stripe cannot take more; the rest are retried later. */
    private Batch sendLane(List<ClaimedUsage> due) {
        List<UsageIdentifier> sent = new ArrayList<>(due.size());
        try {
            for (int i = 0; i < due.size(); i++) {
                ClaimedUsage usage = due.get(i);
                Optional<Meter> meter;
                try {
                    meter = meters.meter(usage.eventName());
                } catch (ProviderUnavailable e) {
                    retry(due.subList(i, due.size()), new SendOutcome.TryLater("unreachable", Optional.empty()));
                    return new Batch(sent.size(), true);
                }
                if (meter.isEmpty()) {
                    reject(usage, NO_ACTIVE_METER);
                    continue;
                }
                SendOutcome outcome = stripe.send(new MeterEvent(meter.get(), usage.customer(), usage.value(),
                        usage.identifier(), usage.timestamp()));
                if (outcome instanceof SendOutcome.TryLater later) {
                    retry(due.subList(i, due.size()), later);
                    return new Batch(sent.size(), true);
                }
                if (outcome instanceof SendOutcome.Refused refused) {
                    reject(usage, refused.code());
                } else {
                    sent.add(usage.identifier());
                }
            }
            return new Batch(sent.size(), false);
        } finally {
            if (!sent.isEmpty()) {
                outbox.markSent(sent, clock.instant());
                signals.forwarded(sent.size());
            }
        }
    }

    private void retry(List<ClaimedUsage> rest, SendOutcome.TryLater later) {
        int attempt = rest.get(0).attempts() + 1;
        Duration wait = backoff(attempt);
        if (later.retryAfter().isPresent() && later.retryAfter().get().compareTo(wait) > 0) {
            wait = later.retryAfter().get();
        }
        Instant retryAt = clock.instant().plus(wait);
        outbox.markRetry(rest.stream().map(ClaimedUsage::identifier).toList(), retryAt, later.kind());
        signals.retried(rest.size());
        LOG.warn("Stripe could not take a meter event ({}), attempt {}; {} claimed events retry at {}", later.kind(),
                attempt, rest.size(), retryAt);
    }

    private void reject(ClaimedUsage usage, String code) {
        Instant now = clock.instant();
        outbox.markRejected(usage.identifier(), now, code);
        signals.rejected(code);
        rejections.rejected(usage.owner(), usage.eventName(), usage.identifier(), usage.value(), code, now);
    }

    private void releaseWaiting() {
        Instant now = clock.instant();
        for (WaitingUsage waiting : outbox.dueWaiting(now, WAITING_BATCH)) {
            Optional<CustomerId> customer = accounts.find(waiting.owner()).flatMap(BillingAccount::customerId);
            Optional<Meter> meter = meters.meter(waiting.eventName());
            if (customer.isPresent() && meter.isPresent() && meters.subscribed(customer.get(), meter.get().id())) {
                int released = outbox.release(waiting, customer.get(), now);
                LOG.info("{} has a subscription metering {}: {} waiting usage events released", waiting.owner().key(),
                        waiting.eventName(), released);
            } else {
                outbox.postpone(waiting, now.plus(waitingRecheck));
            }
        }
    }

    /** 1 s, 2 s, 4 s, ... capped at {@link #MAX_RETRY}. */
    static Duration backoff(int attempt) {
        int exponent = Math.min(Math.max(attempt - 1, 0), 16);
        Duration d = FIRST_RETRY.multipliedBy(1L << exponent);
        return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
    }
}
