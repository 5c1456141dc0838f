package io.billingbridge.core.usage;

import io.billingbridge.core.access.Principal;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.snapshot.BillingView;
import io.billingbridge.core.snapshot.GetBillingSnapshot;
import io.billingbridge.core.snapshot.Money;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the usage so far in the current period of each metered item of an owner's live subscriptions, for a caller
 * who may read the owner's plan.
 *
 * <p>The subscriptions come from the owner's billing snapshot (as the plan read serves it, so no Stripe call finds
 * them); the usage from Stripe's meter event summaries for the owner's customer, from the minute the period started
 * to the minute after now (Stripe counts whole minutes). Each figure is kept in memory for {@code maxAge} per owner,
 * customer, meter and period (at most {@code maxEntries} of them), and each meter's name as long, so refreshing a
 * page costs no Stripe call; usage reported meanwhile shows after at most {@code maxAge}. An owner without a metered
 * subscription has an empty list.
 */
public final class GetUsage {
    /** How long a usage figure is served from memory unless configured otherwise. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(30);
    /** How many usage figures (and meters) are kept in memory unless configured otherwise. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final GetBillingSnapshot reads;
    private final MeterUsage meters;
    private final Duration maxAge;
    private final int maxEntries;
    private final Clock clock;
    private final ConcurrentHashMap<String, Kept<Counted>> usage = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<MeterId, Kept<Meter>> known = new ConcurrentHashMap<>();

    private record Counted(BigDecimal usage, Instant asOf) {
    }

    private record Kept<T>(T value, Instant until) {
    }

    public GetUsage(GetBillingSnapshot reads, MeterUsage meters, Duration maxAge, int maxEntries, Clock clock) {
        this.reads = Objects.requireNonNull(reads, "reads");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxEntries < 1) {
            throw new IllegalArgumentException("maxAge is not negative and maxEntries at least 1");
        }
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The usage so far per metered item, optionally of one meter only.
     *
     * @throws InvalidRequest {@code invalid_meter} when {@code meter} is not a meter id
     * @throws io.billingbridge.core.error.AccessDenied when the caller may not read the owner's plan
     */
    public List<UsageSoFar> read(Principal principal, String ownerType, Optional<String> organizationId,
            Optional<String> meter) {
        Optional<MeterId> only = meter.map(String::trim).filter(m -> !m.isEmpty()).map(GetUsage::meterId);
        BillingView view = reads.read(principal, ownerType, organizationId);
        Optional<CustomerId> customer = view.customerId();
        if (customer.isEmpty()) {
            return List.of();
        }
        List<UsageSoFar> found = new ArrayList<>();
        for (SubscriptionView subscription : view.subscriptions()) {
            if (!subscription.isLive()) {
                continue;
            }
            for (SubscriptionItemView item : subscription.items()) {
                Optional<MeterId> itemMeter = item.meter().map(MeterId::new);
                Optional<Instant> start = item.currentPeriodStart().or(subscription::currentPeriodStart);
                Optional<Instant> end = item.currentPeriodEnd().or(subscription::currentPeriodEnd);
                if (itemMeter.isEmpty() || start.isEmpty() || end.isEmpty()
                        || only.isPresent() && !only.equals(itemMeter)) {
                    continue;
                }
                Counted counted = counted(view.owner().key(), customer.get(), itemMeter.get(), start.get());
                Optional<Money> amount = item.unitAmount().map(unit -> new Money(BigDecimal.valueOf(unit.amount())
                        .multiply(counted.usage()).setScale(0, RoundingMode.HALF_UP).longValueExact(),
                        unit.currency()));
                found.add(new UsageSoFar(meter(itemMeter.get()), subscription.id(), item.priceId(), item.lookupKey(),
                        item.unitAmount(), start.get(), end.get(), counted.usage(), amount, counted.asOf()));
            }
        }
        return List.copyOf(found);
    }

    private static MeterId meterId(String value) {
        try {
            return new MeterId(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("invalid_meter", "meter must be a Stripe meter id (mtr_...)", "meter");
        }
    }

    private Counted counted(String ownerKey, CustomerId customer, MeterId meter, Instant periodStart) {
        Instant now = clock.instant();
        String key = ownerKey + " " + customer + " " + meter + " " + periodStart.getEpochSecond();
        Kept<Counted> kept = usage.get(key);
        if (kept != null && now.isBefore(kept.until())) {
            return kept.value();
        }
        Instant start = periodStart.truncatedTo(ChronoUnit.MINUTES);
        Instant end = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Counted counted = new Counted(meters.usage(customer, meter, start, end), end);
        keep(usage, key, new Kept<>(counted, now.plus(maxAge)), now);
        return counted;
    }

    private Meter meter(MeterId id) {
        Instant now = clock.instant();
        Kept<Meter> kept = known.get(id);
        if (kept != null && now.isBefore(kept.until())) {
            return kept.value();
        }
        Meter meter = meters.meter(id);
        keep(known, id, new Kept<>(meter, now.plus(maxAge)), now);
        return meter;
    }

    /** Keeps a value, first dropping what has expired when full, and everything when that is not enough. */
    private <K, T> void keep(ConcurrentHashMap<K, Kept<T>> map, K key, Kept<T> value, Instant now) {
        if (map.size() >= maxEntries && !map.containsKey(key)) {
            map.values().removeIf(k -> !now.isBefore(k.until()));
            if (map.size() >= maxEntries) {
                map.clear();
            }
        }
        map.put(key, value);
    }
}
