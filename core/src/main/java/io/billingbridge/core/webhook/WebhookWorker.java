package io.billingbridge.core.webhook;

import io.billingbridge.core.error.BillingException;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.error.OwnerNotFound;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.error.RateLimited;
import io.billingbridge.core.signal.BillingSignals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes due ledger events; a failure stays in the ledger and is retried with exponential backoff.
 *
 * <p>Nothing is dropped: an event leaves the ledger's due list only when processing succeeded, or when what it
 * concerns no longer exists. An outcome the ledger cannot take (the database went away between the claim and the
 * outcome) is kept in memory and recorded first on the next drain, so the event is neither processed again nor left
 * waiting for its lease to lapse; only if this instance stops before that does the lease bring the event back.
 */
public final class WebhookWorker {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookWorker.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofHours(1);
    private static final int BATCH = 50;

    private final WebhookLedger ledger;
    private final ProcessWebhookEvent processor;
    private final Clock clock;
    private final BillingSignals signals;
    private final Queue<Outcome> unrecorded = new ConcurrentLinkedQueue<>();

    /** What became of a claimed event, to be written to the ledger. */
    private sealed interface Outcome {
        LedgerEntry event();

        void recordIn(WebhookLedger ledger);
    }

    private record Processed(LedgerEntry event, Instant at) implements Outcome {
        @Override
        public void recordIn(WebhookLedger ledger) {
            ledger.markProcessed(event.source(), event.eventId(), at);
        }
    }

    private record Failed(LedgerEntry event, Instant retryAt, String code) implements Outcome {
        @Override
        public void recordIn(WebhookLedger ledger) {
            ledger.markFailed(event.source(), event.eventId(), retryAt, code);
        }
    }

    public WebhookWorker(WebhookLedger ledger, ProcessWebhookEvent processor, Clock clock, BillingSignals signals) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signals = Objects.requireNonNull(signals, "signals");
    }

    /**
     * Records the outcomes kept from an earlier drain, then processes every event due now, batch by batch; returns how
     * many succeeded. Throws when the ledger cannot be read.
     */
    public int drain() {
        recordKeptOutcomes();
        int done = 0;
        while (true) {
            List<LedgerEntry> due = ledger.claimDue(clock.instant(), LEASE, BATCH);
            if (due.isEmpty()) {
                return done;
            }
            Map<WebhookWork, List<LedgerEntry>> groups = new LinkedHashMap<>();
            for (LedgerEntry event : due) {
                groups.computeIfAbsent(event.work(), k -> new ArrayList<>()).add(event);
            }
            for (List<LedgerEntry> group : groups.values()) {
                done += processGroup(group);
            }
            if (due.size() < BATCH) {
                return done;
            }
        }
    }

    /**
     * Does the work the group's events share once, on behalf of all; returns how many events are done. All were
     * received before the batch was claimed and work re-reads state, so one run started now covers them all: a
     * completed checkout's dozen events about one customer cost one re-fetch.
     */
    private int processGroup(List<LedgerEntry> group) {
        LedgerEntry first = group.get(0);
        try {
            processor.process(first.work());
        } catch (OwnerNotFound | NotFound gone) {
            LOG.info("{} event {} ({}) asks for {}, which concerns something that no longer exists: done",
                    first.source(), first.eventId(), first.type(), first.work().describe());
        } catch (BillingException e) {
            Duration atLeast = e instanceof RateLimited r ? r.retryAfter()
                    : e instanceof ProviderUnavailable p ? p.retryAfter() : Duration.ZERO;
            group.forEach(event -> retryLater(event, e.code(), atLeast));
            return 0;
        } catch (RuntimeException e) {
            group.forEach(event -> retryLater(event, e.getClass().getSimpleName(), Duration.ZERO));
            return 0;
        }
        Instant now = clock.instant();
        group.forEach(event -> {
            record(new Processed(event, now));
            signals.webhookProcessed(event.source(), event.type());
        });
        return group.size();
    }

    /** Writes an outcome to the ledger, or keeps it for the next drain when the ledger cannot take it now. */
    private void record(Outcome outcome) {
        if (!unrecorded.isEmpty()) {
            unrecorded.add(outcome);
            return;
        }
        try {
            outcome.recordIn(ledger);
        } catch (RuntimeException e) {
            LOG.warn("could not record the outcome of event {} ({}); keeping it to record on the next drain",
                    outcome.event().eventId(), e.getClass().getSimpleName());
            unrecorded.add(outcome);
        }
    }

    /** Records the kept outcomes in order; stops at the first the ledger refuses, which stays first. */
    private void recordKeptOutcomes() {
        for (Outcome outcome = unrecorded.peek(); outcome != null; outcome = unrecorded.peek()) {
            outcome.recordIn(ledger);
            unrecorded.remove();
        }
    }

    private void retryLater(LedgerEntry event, String code, Duration atLeast) {
        Duration backoff = backoff(event.attempts() + 1);
        if (backoff.compareTo(atLeast) < 0) {
            backoff = atLeast;
        }
        Instant retryAt = clock.instant().plus(backoff);
        LOG.warn("{} event {} ({}) failed ({}), attempt {}; retrying in {}", event.source(), event.eventId(),
                event.type(), code, event.attempts() + 1, backoff);
        record(new Failed(event, retryAt, code));
        signals.webhookFailed(event.source(), event.type(), code);
    }

    /** 1 s, 2 s, 4 s, ... capped at an hour. */
    static Duration backoff(int attempt) {
        int exponent = Math.min(Math.max(attempt - 1, 0), 12);
        Duration d = FIRST_RETRY.multipliedBy(1L << exponent);
        return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
    }
}
