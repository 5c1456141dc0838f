package io.billingbridge.core.testing;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.webhook.EventPosition;
import io.billingbridge.core.webhook.LedgerEntry;
import io.billingbridge.core.webhook.VerifiedEvent;
import io.billingbridge.core.webhook.WebhookEventRecord;
import io.billingbridge.core.webhook.WebhookEventStatus;
import io.billingbridge.core.webhook.WebhookLedger;
import io.billingbridge.core.webhook.WebhookSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A webhook ledger in memory, keyed like the real one by source and event id, that remembers what happened. */
public final class InMemoryWebhookLedger implements WebhookLedger {
    private final Map<String, LedgerEntry> pending = new LinkedHashMap<>();
    private final Map<String, Instant> dueAt = new HashMap<>();
    private final Map<String, LedgerEntry> recorded = new LinkedHashMap<>();
    /** Event ids in the order they were marked processed. */
    public final List<String> processed = new ArrayList<>();
    /** While set, outcomes (processed, failed) are refused as by a database that went away after the claim. */
    public final AtomicBoolean refuseOutcomes = new AtomicBoolean();

    private static String key(WebhookSource source, String eventId) {
        return source + "/" + eventId;
    }

    @Override
    public synchronized boolean record(WebhookSource source, VerifiedEvent event, Instant now) {
        String key = key(source, event.eventId());
        if (pending.containsKey(key) || processed.contains(key)) {
            return false;
        }
        pending.put(key, new LedgerEntry(source, event.eventId(), event.type(), event.work(), now, 0));
        recorded.put(key, pending.get(key));
        dueAt.put(key, now);
        return true;
    }

    @Override
    public synchronized List<LedgerEntry> claimDue(Instant now, Duration lease, int limit) {
        List<LedgerEntry> due = pending.values().stream()
                .filter(e -> !dueAt.get(key(e.source(), e.eventId())).isAfter(now)).limit(limit).toList();
        due.forEach(e -> dueAt.put(key(e.source(), e.eventId()), now.plus(lease)));
        return due;
    }

    @Override
    public synchronized void markProcessed(WebhookSource source, String eventId, Instant now) {
        refuseIfDown();
        pending.remove(key(source, eventId));
        processed.add(key(source, eventId));
    }

    @Override
    public synchronized void markFailed(WebhookSource source, String eventId, Instant retryAt, String errorCode) {
        refuseIfDown();
        String key = key(source, eventId);
        LedgerEntry e = pending.get(key);
        pending.put(key, new LedgerEntry(e.source(), e.eventId(), e.type(), e.work(), e.receivedAt(), e.attempts() + 1));
        dueAt.put(key, retryAt);
    }

    private void refuseIfDown() {
        if (refuseOutcomes.get()) {
            throw new IllegalStateException("the ledger is unreachable");
        }
    }

    @Override
    public synchronized List<WebhookEventRecord> list(Optional<WebhookEventStatus> status, int limit) {
        return List.of();
    }

    @Override
    public synchronized List<WebhookEventRecord> concerning(Owner owner, Optional<CustomerId> customer,
            Optional<EventPosition> before, int limit) {
        Comparator<EventPosition> newestFirst = Comparator.comparing(EventPosition::receivedAt)
                .thenComparing(EventPosition::source).thenComparing(EventPosition::eventId).reversed();
        return recorded.values().stream()
                .filter(e -> concerns(e, owner, customer))
                .map(e -> new WebhookEventRecord(e.source(), e.eventId(), e.type(), e.work(),
                        processed.contains(key(e.source(), e.eventId())) ? WebhookEventStatus.PROCESSED
                                : WebhookEventStatus.PENDING,
                        e.attempts(), e.receivedAt(), e.receivedAt(), Optional.empty()))
                .filter(r -> before.map(b -> newestFirst.compare(EventPosition.of(r), b) > 0).orElse(true))
                .sorted(Comparator.comparing(EventPosition::of, newestFirst))
                .limit(limit)
                .toList();
    }

    private static boolean concerns(LedgerEntry e, Owner owner, Optional<CustomerId> customer) {
        return switch (e.work().kind()) {
            case "customer.resync", "checkout.completed", "invoice.payment_failed", "invoice.action_required",
                    "subscription.trial_will_end" -> customer.map(CustomerId::value).equals(e.work().key());
            case "owner.created", "owner.changed", "owner.deleted" -> e.work().key().equals(Optional.of(owner.key()));
            case "membership.changed" -> owner instanceof Owner.Organization
                    && e.work().key().equals(Optional.of(owner.id()));
            default -> false;
        };
    }

    @Override
    public synchronized boolean retryNow(WebhookSource source, String eventId, Instant now) {
        String key = key(source, eventId);
        boolean known = pending.containsKey(key);
        if (known) {
            dueAt.put(key, now);
        }
        return known;
    }

    @Override
    public synchronized long backlog() {
        return pending.size();
    }

    /** Every event not yet processed, in the order received. */
    public synchronized List<LedgerEntry> pending() {
        return List.copyOf(pending.values());
    }

    /** When this unprocessed event is next due. */
    public synchronized Instant dueAt(WebhookSource source, String eventId) {
        return dueAt.get(key(source, eventId));
    }

    /** Makes every unprocessed event due at this instant. */
    public synchronized void makeAllDue(Instant now) {
        pending.keySet().forEach(k -> dueAt.put(k, now));
    }
}
