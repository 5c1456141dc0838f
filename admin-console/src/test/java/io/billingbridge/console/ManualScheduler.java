package io.billingbridge.console;

import io.billingbridge.console.common.Cancellable;
import io.billingbridge.console.common.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scheduler for ViewModel tests: delayed actions run when the test says the time has come. */
public final class ManualScheduler implements Scheduler {
    private final List<Runnable> waiting = new ArrayList<>();
    private Duration lastDelay;

    @Override
    public Cancellable after(Duration delay, Runnable action) {
        lastDelay = delay;
        waiting.add(action);
        return () -> waiting.remove(action);
    }

    /** Runs the actions whose delay has passed (all that were not cancelled). */
    public void elapse() {
        List<Runnable> due = List.copyOf(waiting);
        waiting.clear();
        due.forEach(Runnable::run);
    }

    public int waiting() {
        return waiting.size();
    }

    public Duration lastDelay() {
        return lastDelay;
    }
}
