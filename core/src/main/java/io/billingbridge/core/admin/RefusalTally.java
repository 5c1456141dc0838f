package io.billingbridge.core.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which refused authentications (admin tokens, application keys) get an audit row: at most one per reason per window on this server
 * instance, so a flood of junk tokens cannot push real entries out of view.
 *
 * <p>The first refusal of a reason writes a row; later ones inside the window are only counted, and that count
 * is written with the next refusal of the reason after the window ends. Thread-safe; it keeps one small entry per
 * reason and needs no background thread (a count is therefore reported only when a later refusal comes).
 */
public final class RefusalTally {
    private final Clock clock;
    private final Duration window;
    private final Map<String, Open> open = new HashMap<>();

    /** The window a reason's refusals are written at most once in. */
    public RefusalTally(Clock clock, Duration window) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("the refusal window is never negative");
        }
    }

    /**
     * The audit detail to write for this refusal, or empty when it is only counted.
     *
     * <p>The detail is the reason alone for a row that stands for itself, and {@code <reason> count=<n>
     * since=<instant>} for a row that also stands for the {@code n - 1} refusals counted, unwritten, since the
     * previous row.
     */
    public synchronized Optional<String> refuse(String reason) {
        Objects.requireNonNull(reason, "reason");
        Instant now = clock.instant();
        Open current = open.get(reason);
        if (current != null && now.isBefore(current.since().plus(window))) {
            open.put(reason, new Open(current.since(), current.unwritten() + 1));
            return Optional.empty();
        }
        open.put(reason, new Open(now, 0));
        if (current == null || current.unwritten() == 0) {
            return Optional.of(reason);
        }
        return Optional.of(reason + " count=" + (current.unwritten() + 1) + " since=" + current.since());
    }

    /** The window opened by a written row, and how many refusals were counted in it without a row. */
    private record Open(Instant since, long unwritten) {
    }
}
