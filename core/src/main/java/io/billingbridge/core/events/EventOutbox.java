package io.billingbridge.core.events;

import io.billingbridge.core.owner.Owner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable outbox of events to the application's endpoints: one row per event and endpoint, kept until delivered
 * or given up, and the per-endpoint lease that lets one instance at a time post to an endpoint.
 */
public interface EventOutbox {

    /**
     * Records a {@code billing.updated} event for each of {@code endpoints} when {@code current} differs from the
     * owner's summary last recorded, in one transaction with storing {@code current} as the new last summary.
     *
     * @return the event's id when one was recorded; empty when the summary is unchanged
     */
    Optional<EventId> recordBillingUpdate(Owner owner, PlanSummary current, List<String> endpoints, EventId id,
            Instant at);

    /**
     * Records {@code event} under its {@link AppEvent#id() id} for each of {@code endpoints}; an event already recorded
     * for an endpoint (its source processed again) is left as it is.
     *
     * @return true when the event was new for at least one endpoint
     */
    boolean record(AppEvent event, List<String> endpoints, Instant at);

    /**
     * Takes (or renews) the endpoint's delivery lease for {@code holder} for {@code lease} from the outbox's own clock,
     * unless another holder's lease runs past it; one clock for every instance, so a skewed instance clock can neither
     * steal a live lease nor hold one too long.
     *
     * @return true when {@code holder} now holds the lease
     */
    boolean leaseEndpoint(String endpoint, String holder, Duration lease);

    /** Gives up {@code holder}'s lease on the endpoint, if it still holds it. */
    void releaseEndpoint(String endpoint, String holder);

    /**
     * Claims up to {@code limit} deliveries to the endpoint that are due at {@code now}, each the earliest undone
     * event of its owner, oldest first; a claimed delivery is not due again before {@code now + lease}, so it comes
     * back if this instance stops before recording its outcome.
     */
    List<PendingDelivery> claimDue(String endpoint, Instant now, Duration lease, int limit);

    /** Records that the receiver accepted the delivery. */
    void markDelivered(EventId id, String endpoint, Instant at);

    /** Records a failed attempt ({@code error} is a status or an error kind, never the receiver's answer). */
    void markFailed(EventId id, String endpoint, Instant retryAt, String error);

    /** Records a failed last attempt: the delivery is given up and no longer holds back the owner's later events. */
    void markGivenUp(EventId id, String endpoint, Instant at, String error);

    /** Up to {@code limit} deliveries matching {@code filter}, newest first, recorded before {@code beforeSeq}. */
    List<EventDelivery> list(EventDelivery.Filter filter, Optional<Long> beforeSeq, int limit);

    /**
     * Makes a given-up or failed delivery due at {@code now}, with a fresh day of retries from now.
     *
     * @return false when no given-up or failed delivery has this id and endpoint
     */
    boolean retryNow(EventId id, String endpoint, Instant now);

    /** How many deliveries are neither delivered nor given up, by endpoint. */
    Map<String, Long> undoneByEndpoint();
}
