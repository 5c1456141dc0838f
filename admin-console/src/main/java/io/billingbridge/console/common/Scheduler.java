package io.billingbridge.console.common;

import java.time.Duration;

/** Runs an action on the UI thread after a delay: how the search box waits for the user to stop typing. */
@FunctionalInterface
public interface Scheduler {

    /** Runs {@code action} after {@code delay} unless cancelled first. */
    Cancellable after(Duration delay, Runnable action);
}
