package io.billingbridge.core.account;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lets one thread per owner at a time through, in this process: the others wait here, holding nothing, instead of
 * all polling the database. One lock per owner in use (not a fixed set of stripes), so owners never queue behind
 * each other; a lock is dropped when its last user leaves.
 */
final class OwnerGate {
    private static final class Entry {
        private final ReentrantLock lock = new ReentrantLock();
        private int users;
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * Runs {@code work} alone for this owner key, waiting at most {@code maxWait} for its turn.
     *
     * @return the work's result, or empty when the turn did not come in time (or the thread was interrupted)
     */
    <T> Optional<T> pass(String key, Duration maxWait, Supplier<T> work) {
        Entry entry = entries.compute(key, (k, e) -> {
            Entry current = e == null ? new Entry() : e;
            current.users++;
            return current;
        });
        try {
            if (!entry.lock.tryLock(Math.max(0, maxWait.toNanos()), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
            try {
                return Optional.of(work.get());
            } finally {
                entry.lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            entries.computeIfPresent(key, (k, e) -> --e.users == 0 ? null : e);
        }
    }
}
