package io.billingbridge.console;

import io.billingbridge.console.common.Cancellable;
import io.billingbridge.console.common.TaskExecutor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** A task executor for ViewModel tests: work waits in a queue until the test runs it, on the test's thread. */
public final class ManualExecutor implements TaskExecutor {
    private final Deque<Job<?>> queue = new ArrayDeque<>();
    private int cancelled;

    @Override
    public <T> Cancellable execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
        Job<T> job = new Job<>(work, onSuccess, onFailure);
        queue.add(job);
        return () -> {
            if (queue.remove(job)) {
                cancelled++;
            }
        };
    }

    /** Runs every queued call, and the calls those queue, in order; answers how many ran. */
    public int runAll() {
        int ran = 0;
        while (!queue.isEmpty()) {
            queue.poll().run();
            ran++;
        }
        return ran;
    }

    /** How many calls wait. */
    public int pending() {
        return queue.size();
    }

    /** How many calls were cancelled before they ran. */
    public int cancelled() {
        return cancelled;
    }

    private record Job<T>(Callable<T> work, Consumer<T> onSuccess, Consumer<Exception> onFailure) {
        void run() {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(result);
        }
    }
}
