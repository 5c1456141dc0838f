package io.billingbridge.core.webhook;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable record of every webhook event received, keyed by the sender's event id.
 *
 * <p>Recording is the acknowledgement: once recorded, an event is processed until it succeeds, by any instance.
 */
public interface WebhookLedger {

    /**
     * Records a newly received event and its work as due now.
     *
     * @return false when the event id was already recorded (a duplicate delivery)
     */
    boolean record(WebhookSource source, VerifiedEvent event, Instant now);

    /**
     * Claims up to {@code limit} due events for processing; a claimed event is not handed out again until the
     * lease ends, so instances share the work and a crashed one's claims come back. An event whose work this
     * version cannot read (recorded by a newer one) is not handed out.
     */
    List<LedgerEntry> claimDue(Instant now, Duration lease, int limit);

    /** Marks the event done. */
    void markProcessed(WebhookSource source, String eventId, Instant now);

    /** Records a failed attempt and when to try again. */
    void markFailed(WebhookSource source, String eventId, Instant retryAt, String errorCode);

    /** The newest events first (by receipt), optionally only those with this status, at most {@code limit}. */
    List<WebhookEventRecord> list(Optional<WebhookEventStatus> status, int limit);

    /**
     * The events whose work concerns this owner, newest first (by receipt, then source, then event id), strictly
     * after {@code before} in that order when given, at most {@code limit}.
     *
     * <p>They are: {@code customer.resync} of the owner's customer and the checkout, invoice and trial work that
     * names it, {@code owner.*} with the owner's key and, for an organization, {@code membership.changed} of it.
     *
     * @param customer the owner's current customer, when it has one
     */
    List<WebhookEventRecord> concerning(Owner owner, Optional<CustomerId> customer, Optional<EventPosition> before,
            int limit);

    /**
     * Makes a failed event due now, so the worker tries it again on its next pass.
     *
     * @return false when no failed event has this id
     */
    boolean retryNow(WebhookSource source, String eventId, Instant now);

    /** How many events are recorded but not yet processed. */
    long backlog();
}
