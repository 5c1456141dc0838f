package io.billingbridge.sandbox.stripe;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The meter events the emulator accepted, by meter and customer, and the identifiers seen, so that usage can be
 * aggregated over any window and a repeated identifier refused.
 *
 * <p>Used only inside {@link ObjectStore#atomically}, like the store itself.
 */
final class MeterLedger {

    /** Stripe keeps an identifier unique for a rolling period of at least this long. */
    static final long IDENTIFIER_WINDOW_SECONDS = 24 * 3600;

    /** One accepted event: when it happened, its value, and the order it was received in. */
    record Entry(long timestamp, BigDecimal value, long sequence) {
    }

    private record Key(String meter, String customer) {
    }

    private final Map<Key, List<Entry>> entries = new HashMap<>();
    private final Map<String, Long> identifiersSeenAt = new HashMap<>();
    private long sequence;

    /** Whether an event with this identifier was accepted less than the uniqueness window before {@code now}. */
    boolean identifierTaken(String identifier, long now) {
        Long seenAt = identifiersSeenAt.get(identifier);
        return seenAt != null && now - seenAt < IDENTIFIER_WINDOW_SECONDS;
    }

    void record(String meter, String customer, String identifier, long timestamp, BigDecimal value, long now) {
        identifiersSeenAt.put(identifier, now);
        entries.computeIfAbsent(new Key(meter, customer), k -> new ArrayList<>())
                .add(new Entry(timestamp, value, sequence++));
    }

    /**
     * Aggregates a customer's events of a meter with {@code start <= timestamp < end}: {@code sum} adds the
     * values, {@code count} counts the events, {@code last} takes the value of the latest event (the last received
     * among events at the same second); zero when there are none.
     */
    BigDecimal aggregate(String meter, String customer, String formula, long start, long end) {
        BigDecimal sum = BigDecimal.ZERO;
        long count = 0;
        Entry last = null;
        for (Entry entry : entries.getOrDefault(new Key(meter, customer), List.of())) {
            if (entry.timestamp() < start || entry.timestamp() >= end) {
                continue;
            }
            sum = sum.add(entry.value());
            count++;
            if (last == null || entry.timestamp() > last.timestamp()
                    || entry.timestamp() == last.timestamp() && entry.sequence() > last.sequence()) {
                last = entry;
            }
        }
        return switch (formula) {
            case "count" -> BigDecimal.valueOf(count);
            case "last" -> last == null ? BigDecimal.ZERO : last.value();
            default -> sum;
        };
    }

    /** Whether the customer has any event of the meter with {@code start <= timestamp < end}. */
    boolean any(String meter, String customer, long start, long end) {
        for (Entry entry : entries.getOrDefault(new Key(meter, customer), List.of())) {
            if (entry.timestamp() >= start && entry.timestamp() < end) {
                return true;
            }
        }
        return false;
    }

    void clear() {
        entries.clear();
        identifiersSeenAt.clear();
        sequence = 0;
    }
}
