package io.billingbridge.core.usage;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.ProviderUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What Stripe says about meters, kept briefly: the active meters by event name, and which meters each customer's
 * live subscriptions charge for.
 *
 * <p>A hit is trusted for {@link #FRESH}; a miss is asked again once it is {@link #RECHECK} old, so a meter or a
 * subscription created a moment ago is seen within seconds, while a backend reporting thousands of events a second
 * costs Stripe a call a minute. While Stripe cannot be reached, a hit is served from what was known, however old.
 */
public final class MeterDirectory {
    /** How long a known meter or subscribed meter is trusted. */
    static final Duration FRESH = Duration.ofSeconds(60);
    /** How old an answer must be before a miss asks Stripe again. */
    static final Duration RECHECK = Duration.ofSeconds(5);
    private static final int MAX_CUSTOMERS = 10_000;

    private final MeterEvents stripe;
    private final Clock clock;
    private volatile Known<Map<String, Meter>> meters;
    private final Map<CustomerId, Known<Set<MeterId>>> subscribed = new ConcurrentHashMap<>();

    private record Known<T>(T value, Instant at) {
    }

    public MeterDirectory(MeterEvents stripe, Clock clock) {
        this.stripe = Objects.requireNonNull(stripe, "stripe");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The active meter with this event name.
     *
     * @throws io.billingbridge.core.error.ProviderUnavailable when Stripe must be asked and cannot be reached
     */
    public Optional<Meter> meter(String eventName) {
        Instant now = clock.instant();
        Known<Map<String, Meter>> known = meters;
        boolean hit = known != null && known.value().containsKey(eventName);
        if (known == null || stale(known, now, hit)) {
            try {
                List<Meter> active = stripe.activeMeters();
                known = new Known<>(active.stream().collect(Collectors.toUnmodifiableMap(Meter::eventName,
                        Function.identity(), (a, b) -> a)), now);
                meters = known;
            } catch (ProviderUnavailable e) {
                if (!hit) {
                    throw e;
                }
            }
        }
        return Optional.ofNullable(known.value().get(eventName));
    }

    /**
     * Whether a live subscription of the customer has a metered price on this meter.
     *
     * @throws io.billingbridge.core.error.ProviderUnavailable when Stripe must be asked and cannot be reached
     */
    public boolean subscribed(CustomerId customer, MeterId meterId) {
        Instant now = clock.instant();
        Known<Set<MeterId>> known = subscribed.get(customer);
        boolean hit = known != null && known.value().contains(meterId);
        if (known == null || stale(known, now, hit)) {
            try {
                known = new Known<>(Set.copyOf(stripe.meteredMeters(customer)), now);
            } catch (ProviderUnavailable e) {
                if (!hit) {
                    throw e;
                }
                return true;
            }
            if (subscribed.size() >= MAX_CUSTOMERS) {
                subscribed.clear();
            }
            subscribed.put(customer, known);
        }
        return known.value().contains(meterId);
    }

    private static boolean stale(Known<?> known, Instant now, boolean hit) {
        Duration age = Duration.between(known.at(), now);
        return hit ? age.compareTo(FRESH) >= 0 : age.compareTo(RECHECK) >= 0;
    }
}
