package io.billingbridge.core.usage;

import io.billingbridge.core.account.CustomerId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The durable outbox of reported usage on its way to Stripe, deduplicated by identifier: the first event stored
 * with an identifier wins, and a later one with the same identifier is counted as a duplicate and dropped, whatever
 * its owner, event name or value.
 */
public interface UsageOutbox {

    /**
     * Stores the events in one transaction, in order, skipping each whose identifier is already stored (or appears
     * earlier in the list).
     *
     * @return how many were stored; the others were duplicates
     */
    int store(List<AcceptedUsage> events);

    /**
     * Claims up to {@code limit} pending events due at {@code now}, oldest first; a claimed event is not due again
     * before {@code now + lease}, so it comes back if this instance stops before recording its outcome, and two
     * instances never claim one event at once.
     */
    List<ClaimedUsage> claimDue(Instant now, Duration lease, int limit);

    /** Records that Stripe has these events. */
    void markSent(List<UsageIdentifier> identifiers, Instant at);

    /** Records a failed send of each event: tried again at {@code retryAt}; {@code error} is a code, never a body. */
    void markRetry(List<UsageIdentifier> identifiers, Instant retryAt, String error);

    /** Records that Stripe refused the event for good, with the refusal's code. */
    void markRejected(UsageIdentifier identifier, Instant at, String code);

    /** Up to {@code limit} owner and event name pairs with waiting events due for a check at {@code now}. */
    List<WaitingUsage> dueWaiting(Instant now, int limit);

    /** Makes the owner's waiting events of that name pending for {@code customer}, due at {@code now}. */
    int release(WaitingUsage waiting, CustomerId customer, Instant now);

    /** Leaves the owner's waiting events of that name waiting until {@code nextCheck}. */
    void postpone(WaitingUsage waiting, Instant nextCheck);

    /** How many events are pending and waiting. */
    UsageBacklog backlog();
}
