package io.billingbridge.core.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's due events to the application's endpoints, at least once, signed per Standard Webhooks.
 *
 * <p>Safeguards: an endpoint is posted to only while this instance holds its lease in the outbox (timed by the
 * outbox's clock, not this instance's), renewed before every attempt for longer than an attempt can take, so two
 * instances never post to one endpoint at once; an owner's later event waits until the earlier one is delivered or
 * given up; a failed attempt is retried with exponential backoff (1 s, 2 s, 4 s, ... at most an hour apart) for a
 * day after the event was recorded (or support retried it), then given up; a claimed delivery whose outcome was
 * never recorded (the instance stopped) comes back after its claim lapses, so it is sent again rather than lost.
 * Deliveries to an endpoint no longer configured stay in the outbox, untouched, until it is configured again.
 */
public final class DeliverEvents {
    private static final Logger LOG = LoggerFactory.getLogger(DeliverEvents.class);
    /** How long an endpoint lease lasts from its last renewal; more than twice the longest attempt. */
    static final Duration ENDPOINT_LEASE = Duration.ofSeconds(60);
    /** How long a claimed delivery stays out of the due list while its attempt runs. */
    static final Duration CLAIM = Duration.ofMinutes(2);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofHours(1);
    /** How long after an event was recorded its deliveries are retried before they are given up. */
    public static final Duration GIVE_UP_AFTER = Duration.ofDays(1);
    private static final int BATCH = 20;

    private final EventOutbox outbox;
    private final EventSender sender;
    private final EventSigner signer;
    private final List<EventEndpoint> endpoints;
    private final Clock clock;
    private final String holder;

    /**
     * @param holder this instance's name in endpoint leases, unique among the instances sharing the outbox
     * @throws IllegalArgumentException when an attempt may outlast half an endpoint lease
     */
    public DeliverEvents(EventOutbox outbox, EventSender sender, EventSigner signer, List<EventEndpoint> endpoints,
            Clock clock, String holder) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.endpoints = List.copyOf(endpoints);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.holder = Objects.requireNonNull(holder, "holder");
        if (sender.attemptBound().multipliedBy(2).compareTo(ENDPOINT_LEASE) >= 0) {
            throw new IllegalArgumentException("a delivery attempt may take up to " + sender.attemptBound()
                    + ", which must be less than half the endpoint lease of " + ENDPOINT_LEASE);
        }
    }

    /**
     * Delivers what is due now to every endpoint whose lease this instance gets; returns how many deliveries the
     * receivers accepted. Throws when the outbox cannot be read.
     */
    public int drain() {
        int delivered = 0;
        for (EventEndpoint endpoint : endpoints) {
            if (!outbox.leaseEndpoint(endpoint.key(), holder, ENDPOINT_LEASE)) {
                continue;
            }
            try {
                delivered += drainEndpoint(endpoint);
            } finally {
                release(endpoint);
            }
        }
        return delivered;
    }

    private int drainEndpoint(EventEndpoint endpoint) {
        int delivered = 0;
        while (true) {
            List<PendingDelivery> due = outbox.claimDue(endpoint.key(), clock.instant(), CLAIM, BATCH);
            int deliveredNow = 0;
            for (PendingDelivery delivery : due) {
                if (!outbox.leaseEndpoint(endpoint.key(), holder, ENDPOINT_LEASE)) {
                    LOG.warn("lost the delivery lease on an event endpoint; its claimed deliveries come back later");
                    return delivered + deliveredNow;
                }
                if (attempt(endpoint, delivery)) {
                    deliveredNow++;
                }
            }
            delivered += deliveredNow;
            // A delivered event may have been holding back its owner's next one, which is due now: claim again.
            if (due.size() < BATCH && deliveredNow == 0) {
                return delivered;
            }
        }
    }

    private boolean attempt(EventEndpoint endpoint, PendingDelivery delivery) {
        Instant sentAt = clock.instant();
        WebhookHeaders headers = signer.sign(endpoint.secret(), delivery.id(), sentAt, delivery.body());
        DeliveryOutcome outcome = sender.post(endpoint.url(), headers, delivery.body());
        Instant now = clock.instant();
        int attempt = delivery.attempts() + 1;
        if (outcome.delivered()) {
            outbox.markDelivered(delivery.id(), delivery.endpoint(), now);
            LOG.debug("event {} ({}) of {} delivered on attempt {}", delivery.id(), delivery.type().wireName(),
                    delivery.ownerKey(), attempt);
            return true;
        }
        Instant deadline = delivery.retriesFrom().plus(GIVE_UP_AFTER);
        if (!now.isBefore(deadline)) {
            outbox.markGivenUp(delivery.id(), delivery.endpoint(), now, outcome.describe());
            LOG.warn("event {} ({}) of {} given up after {} attempts over {}; last: {}", delivery.id(),
                    delivery.type().wireName(), delivery.ownerKey(), attempt, GIVE_UP_AFTER, outcome.describe());
            return false;
        }
        Instant retryAt = now.plus(backoff(attempt));
        if (retryAt.isAfter(deadline)) {
            retryAt = deadline;
        }
        outbox.markFailed(delivery.id(), delivery.endpoint(), retryAt, outcome.describe());
        LOG.warn("event {} ({}) of {} not delivered ({}), attempt {}; retrying at {}", delivery.id(),
                delivery.type().wireName(), delivery.ownerKey(), outcome.describe(), attempt, retryAt);
        return false;
    }

    private void release(EventEndpoint endpoint) {
        try {
            outbox.releaseEndpoint(endpoint.key(), holder);
        } catch (RuntimeException e) {
            LOG.warn("could not release an event endpoint's lease ({}); it lapses within {}",
                    e.getClass().getSimpleName(), ENDPOINT_LEASE);
        }
    }

    /**
     * Tells, in one log line each, of the endpoints no longer configured that still have undone deliveries: they stay
     * in the outbox, listed by the admin API, and go out once the endpoint is configured again.
     *
     * @return the undone deliveries of each such endpoint
     */
    public static Map<String, Long> reportUnconfigured(EventOutbox outbox, List<EventEndpoint> configured) {
        Set<String> keys = configured.stream().map(EventEndpoint::key).collect(Collectors.toSet());
        Map<String, Long> left = new TreeMap<>(outbox.undoneByEndpoint());
        left.keySet().removeAll(keys);
        left.forEach((endpoint, count) -> LOG.warn("{} undone event deliveries to {}, which is no longer configured, "
                + "are kept; configure it again to deliver them", count, withoutQuery(endpoint)));
        return left;
    }

    /** The endpoint without its query, which may hold a token, for logs. */
    private static String withoutQuery(String endpoint) {
        int query = endpoint.indexOf('?');
        return query < 0 ? endpoint : endpoint.substring(0, query) + "?...";
    }

    /** 1 s, 2 s, 4 s, ... capped at an hour. */
    static Duration backoff(int attempt) {
        int exponent = Math.min(Math.max(attempt - 1, 0), 12);
        Duration d = FIRST_RETRY.multipliedBy(1L << exponent);
        return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
    }
}
