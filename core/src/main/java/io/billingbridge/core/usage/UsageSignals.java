package io.billingbridge.core.usage;

/** Counts what happens to reported usage, for metrics; every method defaults to doing nothing. */
public interface UsageSignals {
    /** Signals that go nowhere. */
    UsageSignals NONE = new UsageSignals() {
    };

    /** Events stored by one report, and those dropped as duplicates of stored ones. */
    default void reported(int accepted, int duplicates) {
    }

    /** Events Stripe now has. */
    default void forwarded(int count) {
    }

    /** Events whose send failed and will be tried again. */
    default void retried(int count) {
    }

    /** An event Stripe refused for good. */
    default void rejected(String code) {
    }
}
